package io.zonedeck.tenancy;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** A tenant's limits; a null limit is unlimited. */
public record Quota(
        Long machines, Long ramMiB, Long diskGiB, Long vcpus, Long cpuCap, Long snapshots, Long vnics, Long publicIps) {
    public static final Quota UNLIMITED = new Quota(null, null, null, null, null, null, null, null);

    /** The limit, or null when unlimited. */
    public Long get(QuotaLimit limit) {
        return switch (limit) {
            case MACHINES -> machines;
            case RAM -> ramMiB;
            case DISK -> diskGiB;
            case VCPUS -> vcpus;
            case CPU_CAP -> cpuCap;
            case SNAPSHOTS -> snapshots;
            case VNICS -> vnics;
            case PUBLIC_IPS -> publicIps;
        };
    }

    /** This quota with one limit replaced (null = unlimited). */
    public Quota with(QuotaLimit limit, Long value) {
        return new Quota(
                limit == QuotaLimit.MACHINES ? value : machines,
                limit == QuotaLimit.RAM ? value : ramMiB,
                limit == QuotaLimit.DISK ? value : diskGiB,
                limit == QuotaLimit.VCPUS ? value : vcpus,
                limit == QuotaLimit.CPU_CAP ? value : cpuCap,
                limit == QuotaLimit.SNAPSHOTS ? value : snapshots,
                limit == QuotaLimit.VNICS ? value : vnics,
                limit == QuotaLimit.PUBLIC_IPS ? value : publicIps);
    }

    /**
     * The limits an operation adding {@code delta} to {@code used} would pass, one field problem each (field
     * {@code quota.<key>}, code QuotaExceeded) with a message naming the limit, what is in use and what is asked.
     * A limit the operation does not grow is never reported, even when the tenant is already over it (an operator
     * may lower a quota below what is in use: nothing is taken away, only growth is refused).
     */
    public List<FieldProblem> exceededBy(QuotaUsage used, QuotaUsage delta) {
        List<FieldProblem> out = new ArrayList<>();
        for (QuotaLimit l : QuotaLimit.values()) {
            Long max = get(l);
            long add = delta.get(l);
            if (max != null && add > 0 && used.get(l) + add > max) {
                out.add(new FieldProblem(
                        "quota." + l.key(),
                        "QuotaExceeded",
                        l.label() + " quota exceeded: " + l.format(used.get(l)) + " of " + l.format(max)
                                + " in use, this needs " + l.format(add) + " more."));
            }
        }
        return out;
    }

    /** Field problems for negative limits. */
    public List<FieldProblem> problems() {
        List<FieldProblem> out = new ArrayList<>();
        for (QuotaLimit l : QuotaLimit.values()) {
            Long max = get(l);
            if (max != null && max < 0) {
                out.add(new FieldProblem(l.key(), "Invalid", l.label() + " must be 0 or more (empty = unlimited)"));
            }
        }
        return out;
    }
}
