package io.zonedeck.compute;

import static io.zonedeck.compute.MachineThrottles.CPU_BASELINE;
import static io.zonedeck.compute.MachineThrottles.CPU_BURST_SECONDS;
import static io.zonedeck.compute.MachineThrottles.CPU_CAP;
import static io.zonedeck.compute.MachineThrottles.CPU_SHARES;
import static io.zonedeck.compute.MachineThrottles.DISK_BPS_MAX;
import static io.zonedeck.compute.MachineThrottles.DISK_IOPS_MAX;
import static io.zonedeck.compute.MachineThrottles.MAX_LWPS;
import static io.zonedeck.compute.MachineThrottles.MAX_PHYSICAL_MEMORY;
import static io.zonedeck.compute.MachineThrottles.PROPERTIES;
import static io.zonedeck.compute.MachineThrottles.ZFS_IO_PRIORITY;

import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.server.PayloadValidator;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.MachineThrottles.Throttle;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.security.Caller;
import io.zonedeck.security.Roles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may set which throttle to what: operators any valid value (vmadm's ranges; memory and threads at least the
 * catalog's smallest package), the owning tenant's admins within the bounds of the machine's package (cpu_cap,
 * cpu_shares, zfs_io_priority, max_physical_memory and max_lwps at most the package's; an uncapped machine only if
 * its package is uncapped; baseline, burst and the disk throttle free within the cap), tenant users nothing. A
 * baseline needs a cap above it. Every refusal names the vmadm property.
 */
final class ThrottleRules {
    static final long MIN_MEMORY_MIB = 64;
    static final long MIN_LWPS = 100;
    static final long MAX_DISK = 1L << 50;

    private ThrottleRules() {}

    /** The values in force, by vmadm name. */
    static Map<String, Long> current(MachineEntity m) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put(CPU_CAP, (long) m.cpuCap);
        v.put(CPU_SHARES, (long) m.cpuShares);
        v.put(CPU_BASELINE, (long) m.cpuBaseline);
        v.put(CPU_BURST_SECONDS, (long) m.cpuBurstSeconds);
        v.put(ZFS_IO_PRIORITY, (long) m.zfsIoPriority);
        v.put(DISK_BPS_MAX, m.diskBpsMax);
        v.put(DISK_IOPS_MAX, m.diskIopsMax);
        v.put(MAX_PHYSICAL_MEMORY, m.ramMiB);
        v.put(MAX_LWPS, (long) m.maxLwps);
        return v;
    }

    /** The package's values; the throttles packages do not carry are 0 (none). */
    static Map<String, Long> defaults(MachinePackage p) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put(CPU_CAP, (long) p.cpuCap());
        v.put(CPU_SHARES, (long) p.cpuShares());
        v.put(CPU_BASELINE, 0L);
        v.put(CPU_BURST_SECONDS, 0L);
        v.put(ZFS_IO_PRIORITY, (long) p.zfsIoPriority());
        v.put(DISK_BPS_MAX, 0L);
        v.put(DISK_IOPS_MAX, 0L);
        v.put(MAX_PHYSICAL_MEMORY, p.ramMiB());
        v.put(MAX_LWPS, (long) p.maxLwps());
        return v;
    }

    static boolean mayChange(Caller c) {
        return c.isOperator() || Roles.TENANT_ADMIN.equals(c.role());
    }

    /** The smallest valid value (for a bounded caller, a capped package's cap cannot be lifted to 0). */
    static long min(String property, boolean bounded, Map<String, Long> pkg) {
        return switch (property) {
            case CPU_CAP -> bounded && pkg.get(CPU_CAP) > 0 ? 1 : 0;
            case CPU_SHARES -> 1;
            case MAX_PHYSICAL_MEMORY -> MIN_MEMORY_MIB;
            case MAX_LWPS -> MIN_LWPS;
            default -> 0;
        };
    }

    /** The largest value the caller may set. */
    static long max(String property, boolean bounded, Map<String, Long> pkg) {
        long valid = switch (property) {
            case CPU_CAP, CPU_BASELINE -> PayloadValidator.MAX_CPU_CAP;
            case CPU_SHARES -> PayloadValidator.MAX_CPU_SHARES;
            case CPU_BURST_SECONDS -> PayloadValidator.MAX_CPU_BURST_SECONDS;
            case ZFS_IO_PRIORITY -> PayloadValidator.MAX_ZFS_IO_PRIORITY;
            case MAX_LWPS -> Integer.MAX_VALUE;
            default -> MAX_DISK;
        };
        if (!bounded) {
            return valid;
        }
        return switch (property) {
            case CPU_CAP -> pkg.get(CPU_CAP) > 0 ? pkg.get(CPU_CAP) : valid;
            case CPU_SHARES, ZFS_IO_PRIORITY, MAX_PHYSICAL_MEMORY, MAX_LWPS -> pkg.get(property);
            default -> valid;
        };
    }

    static MachineThrottles view(MachineEntity m, MachinePackage p, Caller caller) {
        return view(m, p, caller, NodeAbilities.Ability.EVERYTHING);
    }

    /** The throttles with their bounds, each marked whether the machine's node enforces it. */
    static MachineThrottles view(MachineEntity m, MachinePackage p, Caller caller, NodeAbilities.Ability node) {
        boolean bounded = !caller.isOperator();
        Map<String, Long> now = current(m);
        Map<String, Long> pkg = p == null ? now : defaults(p);
        List<Throttle> list = new ArrayList<>();
        for (String property : PROPERTIES) {
            long value = now.get(property);
            long def = pkg.get(property);
            boolean enforced = node.enforces(property);
            list.add(new Throttle(
                    property,
                    value,
                    def,
                    value != def,
                    min(property, bounded, pkg),
                    max(property, bounded, pkg),
                    enforced,
                    enforced ? null : node.notEnforced(property)));
        }
        return new MachineThrottles(m.id, p == null ? null : p.name(), List.copyOf(list), mayChange(caller), bounded);
    }

    /**
     * Checks a request against the caller's rights, the ranges and the package's bounds; returns the values that
     * change (by vmadm name, in {@link MachineThrottles#PROPERTIES} order). Throws 403 Forbidden for a tenant user,
     * 422 with one field error per violation otherwise.
     */
    static Map<String, Long> check(ThrottleRequest request, MachineEntity m, MachinePackage p, Caller caller) {
        return check(request, m, p, caller, NodeAbilities.Ability.EVERYTHING);
    }

    /**
     * As {@link #check(ThrottleRequest, MachineEntity, MachinePackage, Caller)}, and a throttle the machine's node
     * does not enforce is refused on its field (a value the kernel would not hold is no throttle).
     */
    static Map<String, Long> check(
            ThrottleRequest request, MachineEntity m, MachinePackage p, Caller caller, NodeAbilities.Ability node) {
        if (!mayChange(caller)) {
            throw forbidden();
        }
        Map<String, Long> wanted = request == null ? Map.of() : request.asMap();
        if (wanted.isEmpty()) {
            throw ZoneDeckException.invalid(
                    "throttles", "Give at least one throttle to change: " + String.join(", ", PROPERTIES));
        }
        boolean bounded = !caller.isOperator();
        Map<String, Long> now = current(m);
        Map<String, Long> pkg = p == null ? now : defaults(p);
        FieldProblems problems = new FieldProblems();
        for (Map.Entry<String, Long> e : wanted.entrySet()) {
            String property = e.getKey();
            long v = e.getValue();
            if (!node.enforces(property)) {
                problems.add(property, "NotSupported", node.notEnforced(property));
                continue;
            }
            long min = min(property, false, pkg);
            long valid = max(property, false, pkg);
            if (v < min || v > valid) {
                problems.add(property, FieldProblems.INVALID, rangeMessage(property, min, valid));
            } else if (bounded && (v > max(property, true, pkg) || v < min(property, true, pkg))) {
                problems.add(property, FieldProblems.INVALID, boundMessage(property, pkg, p));
            }
        }
        Map<String, Long> after = new LinkedHashMap<>(now);
        after.putAll(wanted);
        boolean cpuTouched = wanted.containsKey(CPU_CAP) || wanted.containsKey(CPU_BASELINE);
        if (cpuTouched && !problems.has(CPU_CAP) && !problems.has(CPU_BASELINE) && after.get(CPU_BASELINE) > 0) {
            String field = wanted.containsKey(CPU_BASELINE) ? CPU_BASELINE : CPU_CAP;
            long cap = after.get(CPU_CAP);
            long baseline = after.get(CPU_BASELINE);
            if (cap == 0) {
                problems.add(
                        field,
                        FieldProblems.CONFLICTING,
                        "A CPU baseline needs a cpu_cap above it: the machine bursts between the two (set a cap, or"
                                + " the baseline to 0)");
            } else if (baseline > cap) {
                problems.add(
                        field,
                        FieldProblems.CONFLICTING,
                        "The CPU baseline (" + baseline + " %) must be at most the cpu_cap (" + cap + " %)");
            }
        }
        if (wanted.containsKey(MAX_PHYSICAL_MEMORY)
                && !wanted.get(MAX_PHYSICAL_MEMORY).equals(now.get(MAX_PHYSICAL_MEMORY))
                && MachineRules.isHvm(m.brand)
                && !problems.has(MAX_PHYSICAL_MEMORY)) {
            problems.add(
                    MAX_PHYSICAL_MEMORY,
                    FieldProblems.INVALID,
                    "The memory of a hardware VM (" + m.brand + ") is its guest RAM: it changes with a resize, which"
                            + " restarts it, not live");
        }
        problems.throwIfAny();
        return wanted;
    }

    static ZoneDeckException forbidden() {
        return new ZoneDeckException(
                "Forbidden",
                403,
                "Only operators and tenant admins may change a machine's throttles; ask your tenant admin",
                List.of());
    }

    private static String rangeMessage(String property, long min, long max) {
        return switch (property) {
            case CPU_CAP -> "cpu_cap must be between 0 (uncapped) and " + max + " % of one CPU";
            case CPU_BASELINE -> "cpu_baseline must be between 0 (none) and " + max + " % of one CPU";
            case CPU_SHARES -> "cpu_shares must be between " + min + " and " + max;
            case CPU_BURST_SECONDS -> "cpu_burst_seconds must be between 0 and " + max + " (a day)";
            case ZFS_IO_PRIORITY -> "zfs_io_priority must be between 0 and " + max;
            case DISK_BPS_MAX -> "disk_bps_max must be 0 (unlimited) or a positive number of bytes per second";
            case DISK_IOPS_MAX -> "disk_iops_max must be 0 (unlimited) or a positive number of operations per second";
            case MAX_PHYSICAL_MEMORY -> "max_physical_memory must be at least " + min + " MiB";
            default -> "max_lwps must be at least " + min;
        };
    }

    private static String boundMessage(String property, Map<String, Long> pkg, MachinePackage p) {
        String of = p == null ? "the machine's current value" : "the package " + p.name() + "'s";
        return switch (property) {
            case CPU_CAP ->
                "cpu_cap must be between 1 and " + pkg.get(CPU_CAP) + " % (" + of
                        + " cap); only an operator can lift or raise it";
            case MAX_PHYSICAL_MEMORY ->
                "max_physical_memory must be at most " + pkg.get(property) + " MiB (" + of
                        + "); only an operator can raise it";
            default ->
                property + " must be at most " + pkg.get(property) + " (" + of + "); only an operator can"
                        + " raise it";
        };
    }

    /** Sets the values on the machine's row. */
    static void apply(Map<String, Long> values, MachineEntity m) {
        values.forEach((property, v) -> {
            switch (property) {
                case CPU_CAP -> m.cpuCap = v.intValue();
                case CPU_SHARES -> m.cpuShares = v.intValue();
                case CPU_BASELINE -> m.cpuBaseline = v.intValue();
                case CPU_BURST_SECONDS -> m.cpuBurstSeconds = v.intValue();
                case ZFS_IO_PRIORITY -> m.zfsIoPriority = v.intValue();
                case DISK_BPS_MAX -> m.diskBpsMax = v;
                case DISK_IOPS_MAX -> m.diskIopsMax = v;
                case MAX_PHYSICAL_MEMORY -> {
                    m.ramMiB = v;
                    m.maxSwapMiB = Math.max(m.maxSwapMiB, v); // vmadm: swap at least the memory
                }
                case MAX_LWPS -> m.maxLwps = v.intValue();
                default -> throw new IllegalArgumentException("no throttle " + property);
            }
        });
    }

    /** The vmadm update that sets {@code values} on the node (absolute values: a repeat is harmless). */
    static UpdatePayload payload(Map<String, Long> values) {
        return UpdatePayload.none()
                .withThrottles(
                        integer(values.get(CPU_CAP)),
                        integer(values.get(CPU_SHARES)),
                        integer(values.get(CPU_BASELINE)),
                        integer(values.get(CPU_BURST_SECONDS)),
                        integer(values.get(ZFS_IO_PRIORITY)),
                        values.get(DISK_BPS_MAX),
                        values.get(DISK_IOPS_MAX),
                        values.get(MAX_PHYSICAL_MEMORY),
                        integer(values.get(MAX_LWPS)));
    }

    /**
     * Job parameters: the values before and after (and the swap before, as more memory may raise it), so that
     * compensation can put the old ones back.
     */
    static JobParams.Throttle params(MachineEntity m, Map<String, Long> after) {
        Map<String, Long> now = current(m);
        Map<String, Long> before = new LinkedHashMap<>();
        after.keySet().forEach(k -> before.put(k, now.get(k)));
        return new JobParams.Throttle(before, new LinkedHashMap<>(after), m.maxSwapMiB);
    }

    /** Puts the values a failed throttle job replaced back on the machine's row. */
    static void restore(JobParams.Throttle params, MachineEntity m) {
        apply(params.from(), m);
        if (params.swapFrom() != null) {
            m.maxSwapMiB = params.swapFrom();
        }
    }

    /** Runs a node-room check, naming {@code property} on the refusal instead of the package. */
    static void roomFor(String property, Runnable check) {
        try {
            check.run();
        } catch (ZoneDeckException e) {
            String why = (e.errors().isEmpty()
                            ? e.getMessage()
                            : e.errors().get(0).message())
                    .replace("the new package needs", "this change needs");
            throw new ZoneDeckException(
                    e.code(),
                    e.status(),
                    "Not enough room on the machine's node: " + why,
                    List.of(new ZoneDeckException.FieldProblem(property, e.code(), why)));
        }
    }

    /** A one-line summary for the job log: "cpu_cap 25 → 50, cpu_baseline 0 → 20". */
    static String describe(Map<String, Long> before, Map<String, Long> after) {
        List<String> parts = new ArrayList<>();
        after.forEach((k, v) -> parts.add(k + " " + before.get(k) + " → " + v));
        return String.join(", ", parts);
    }

    private static Integer integer(Long v) {
        return v == null ? null : v.intValue();
    }
}
