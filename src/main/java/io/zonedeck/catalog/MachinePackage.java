package io.zonedeck.catalog;

import java.util.UUID;

/** A package (size): immutable once used. Units as vmadm's: RAM MiB, disk GiB, cpu_cap % of one CPU. */
public record MachinePackage(
        UUID id,
        String name,
        long ramMiB,
        long diskGiB,
        int vcpus,
        int cpuCap,
        int cpuShares,
        int zfsIoPriority,
        int maxLwps) {
    public String label() {
        return name + " · " + (ramMiB >= 1024 ? (ramMiB / 1024) + " GiB" : ramMiB + " MiB") + " RAM · " + diskGiB
                + " GiB disk · cap " + cpuCap + "%";
    }
}
