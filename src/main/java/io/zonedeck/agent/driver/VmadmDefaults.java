package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.CreatePayload;

/** vmadm's defaults for properties a create payload may leave out. */
public final class VmadmDefaults {
    /** MiB, vmadm's default max_physical_memory. */
    public static final long MAX_PHYSICAL_MEMORY = 256;
    /** GiB, vmadm's default quota. */
    public static final long QUOTA = 10;

    private VmadmDefaults() {}

    public static long ramMiB(CreatePayload p) {
        return p.maxPhysicalMemory() == null ? MAX_PHYSICAL_MEMORY : p.maxPhysicalMemory();
    }

    public static long diskGiB(CreatePayload p) {
        return p.quota() == null ? QUOTA : p.quota();
    }

    public static int cpuCap(CreatePayload p) {
        return p.cpuCap() == null ? 0 : p.cpuCap();
    }

    public static int cpuShares(CreatePayload p) {
        return p.cpuShares() == null ? 100 : p.cpuShares();
    }
}
