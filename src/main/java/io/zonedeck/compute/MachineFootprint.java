package io.zonedeck.compute;

import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.tenancy.QuotaUsage;

/** What one machine counts against its tenant's quota (the wizard previews it; creates reserve it). */
public final class MachineFootprint {
    private MachineFootprint() {}

    /** One machine of {@code pkg} as {@code brand} with {@code nics} VNICs, {@code publicNics} of them public. */
    public static QuotaUsage of(MachinePackage pkg, String brand, int nics, int publicNics) {
        return new QuotaUsage(
                1,
                pkg.ramMiB(),
                pkg.diskGiB(),
                MachineRules.isHvm(brand) ? Math.max(1, pkg.vcpus()) : 0,
                pkg.cpuCap(),
                0,
                nics,
                publicNics);
    }

    /** The growth from one package to another (shrinking parts count as 0: they never need quota). */
    static QuotaUsage growth(MachinePackage to, long ramMiB, long diskGiB, long vcpus, long cpuCap, String brand) {
        long toVcpus = MachineRules.isHvm(brand) ? Math.max(1, to.vcpus()) : 0;
        return new QuotaUsage(
                0,
                Math.max(0, to.ramMiB() - ramMiB),
                Math.max(0, to.diskGiB() - diskGiB),
                Math.max(0, toVcpus - vcpus),
                Math.max(0, to.cpuCap() - cpuCap),
                0,
                0,
                0);
    }
}
