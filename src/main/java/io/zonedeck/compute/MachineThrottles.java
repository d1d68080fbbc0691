package io.zonedeck.compute;

import java.util.List;
import java.util.UUID;

/**
 * A machine's live throttles as its page and the API show them: each with the value in force, the package's
 * default, whether the machine overrides it, and the most a tenant admin may set.
 *
 * @param mayChange whether the caller may change them (operators and the owning tenant's admins)
 * @param boundedByPackage whether the caller is held to the package's bounds (tenant admins)
 */
public record MachineThrottles(
        UUID machineId, String packageName, List<Throttle> throttles, boolean mayChange, boolean boundedByPackage) {
    public static final String CPU_CAP = "cpu_cap";
    public static final String CPU_SHARES = "cpu_shares";
    public static final String CPU_BASELINE = "cpu_baseline";
    public static final String CPU_BURST_SECONDS = "cpu_burst_seconds";
    public static final String ZFS_IO_PRIORITY = "zfs_io_priority";
    public static final String DISK_BPS_MAX = "disk_bps_max";
    public static final String DISK_IOPS_MAX = "disk_iops_max";
    public static final String MAX_PHYSICAL_MEMORY = "max_physical_memory";
    public static final String MAX_LWPS = "max_lwps";

    /** Every throttle, by vmadm name, in the order forms and payloads list them. */
    public static final List<String> PROPERTIES = List.of(
            CPU_CAP,
            CPU_SHARES,
            CPU_BASELINE,
            CPU_BURST_SECONDS,
            ZFS_IO_PRIORITY,
            DISK_BPS_MAX,
            DISK_IOPS_MAX,
            MAX_PHYSICAL_MEMORY,
            MAX_LWPS);

    /**
     * One throttle.
     *
     * @param property the vmadm name
     * @param value in force (0 = none for cap, baseline and the disk throttle)
     * @param packageDefault the package's value (0 for the throttles packages do not carry)
     * @param overridden whether the value differs from the package's
     * @param min the smallest valid value
     * @param max the largest value the caller may set (for tenant admins: the package's bound)
     * @param enforced whether the machine's node enforces it (its driver's capabilities)
     * @param notEnforced why not ("cpu_baseline is not enforced on node cn-9 (linux driver)"); null when enforced
     */
    public record Throttle(
            String property,
            long value,
            long packageDefault,
            boolean overridden,
            long min,
            long max,
            boolean enforced,
            String notEnforced) {
        public Throttle(String property, long value, long packageDefault, boolean overridden, long min, long max) {
            this(property, value, packageDefault, overridden, min, max, true, null);
        }
    }

    public Throttle get(String property) {
        return throttles.stream()
                .filter(t -> t.property().equals(property))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no throttle " + property));
    }

    public long value(String property) {
        return get(property).value();
    }
}
