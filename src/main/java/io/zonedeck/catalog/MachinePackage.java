package io.zonedeck.catalog;

import java.util.UUID;

/**
 * A package (size): immutable once used, retired instead of deleted. Units as vmadm's: RAM and swap MiB, disk
 * GiB, cpu_cap % of one CPU; vcpus apply to hardware VMs only.
 */
public record MachinePackage(
        UUID id,
        String name,
        long ramMiB,
        long diskGiB,
        int vcpus,
        int cpuCap,
        int cpuShares,
        int zfsIoPriority,
        int maxLwps,
        long maxSwapMiB,
        String billingTag,
        boolean active) {
    public MachinePackage(
            UUID id,
            String name,
            long ramMiB,
            long diskGiB,
            int vcpus,
            int cpuCap,
            int cpuShares,
            int zfsIoPriority,
            int maxLwps) {
        this(
                id,
                name,
                ramMiB,
                diskGiB,
                vcpus,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                Math.max(ramMiB * 2, 256),
                "",
                true);
    }

    public String label() {
        return name + " · " + (ramMiB >= 1024 ? (ramMiB / 1024) + " GiB" : ramMiB + " MiB") + " RAM · " + diskGiB
                + " GiB disk · cap " + cpuCap + "%";
    }
}
