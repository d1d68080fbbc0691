package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.CreatePayload;
import java.util.Set;

/** vmadm's defaults for properties a create payload may leave out. */
public final class VmadmDefaults {
    /** MiB, vmadm's default max_physical_memory (and an HVM's default ram). */
    public static final long MAX_PHYSICAL_MEMORY = 256;
    /** GiB, vmadm's default quota. */
    public static final long QUOTA = 10;
    /** MiB, vmadm's smallest max_swap. */
    public static final long MIN_SWAP = 256;

    public static final int ZFS_IO_PRIORITY = 100;
    public static final int MAX_LWPS = 2000;
    public static final int HVM_VCPUS = 1;
    public static final int MTU = 1500;

    /** Brands that are hardware VMs (ram, vcpus and disks apply). */
    public static final Set<String> HVM_BRANDS = Set.of("kvm", "bhyve");

    private VmadmDefaults() {}

    public static boolean hvm(String brand) {
        return brand != null && HVM_BRANDS.contains(brand);
    }

    /** max_physical_memory: as given; else an HVM's ram; else 256 MiB. */
    public static long ramMiB(CreatePayload p) {
        if (p.maxPhysicalMemory() != null) {
            return p.maxPhysicalMemory();
        }
        return hvm(p.brand()) && p.ram() != null ? p.ram() : MAX_PHYSICAL_MEMORY;
    }

    /**
     * ram: an HVM's guest memory as given, else its max_physical_memory (256 MiB when neither is given); a
     * zone's ram is its max_physical_memory.
     */
    public static long guestRamMiB(CreatePayload p) {
        return hvm(p.brand()) && p.ram() != null ? p.ram() : ramMiB(p);
    }

    /** max_swap: as given, else max_physical_memory but at least 256 MiB. */
    public static long maxSwapMiB(CreatePayload p) {
        return p.maxSwap() != null ? p.maxSwap() : Math.max(MIN_SWAP, ramMiB(p));
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

    public static int zfsIoPriority(CreatePayload p) {
        return p.zfsIoPriority() == null ? ZFS_IO_PRIORITY : p.zfsIoPriority();
    }

    public static int maxLwps(CreatePayload p) {
        return p.maxLwps() == null ? MAX_LWPS : p.maxLwps();
    }

    /** cpu_baseline: 0 (none) unless given. */
    public static int cpuBaseline(CreatePayload p) {
        return p.cpuBaseline() == null ? 0 : p.cpuBaseline();
    }

    /** cpu_burst_seconds: 0 unless given (with a baseline, the machine is then held to it). */
    public static int cpuBurstSeconds(CreatePayload p) {
        return p.cpuBurstSeconds() == null ? 0 : p.cpuBurstSeconds();
    }

    /** disk_bps_max: 0 (unlimited) unless given. */
    public static long diskBpsMax(CreatePayload p) {
        return p.diskBpsMax() == null ? 0 : p.diskBpsMax();
    }

    /** disk_iops_max: 0 (unlimited) unless given. */
    public static long diskIopsMax(CreatePayload p) {
        return p.diskIopsMax() == null ? 0 : p.diskIopsMax();
    }

    /** vcpus of an HVM (default 1); null for a zone. */
    public static Integer vcpus(CreatePayload p) {
        if (!hvm(p.brand())) {
            return null;
        }
        return p.vcpus() == null ? HVM_VCPUS : p.vcpus();
    }
}
