package io.zonedeck.compute;

import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineEntity;

/** A package's sizes and limits as a machine's desired configuration (at create and at resize). */
final class MachineResources {
    private MachineResources() {}

    static void apply(MachinePackage p, MachineEntity m) {
        m.packageId = p.id();
        m.ramMiB = p.ramMiB();
        m.diskGiB = p.diskGiB();
        m.cpuCap = p.cpuCap();
        m.cpuShares = p.cpuShares();
        m.zfsIoPriority = p.zfsIoPriority();
        m.maxLwps = p.maxLwps();
        m.maxSwapMiB = Math.max(p.maxSwapMiB(), Math.max(p.ramMiB(), 256));
        m.vcpus = MachineRules.isHvm(m.brand) ? Math.max(1, p.vcpus()) : 0;
    }
}
