package io.zonedeck.tenancy;

/** The limits a tenant's quota has: their JSON/field key, a label and how to print an amount. */
public enum QuotaLimit {
    MACHINES("machines", "Machines", ""),
    RAM("ramMiB", "RAM", "MiB"),
    DISK("diskGiB", "Disk", "GiB"),
    VCPUS("vcpus", "vCPUs", ""),
    CPU_CAP("cpuCap", "CPU cap", "%"),
    SNAPSHOTS("snapshots", "Snapshots", ""),
    VNICS("vnics", "VNICs", ""),
    PUBLIC_IPS("publicIps", "Public IPs", "");

    private final String key;
    private final String label;
    private final String unit;

    QuotaLimit(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The property name in REST bodies and the field of its errors ({@code quota.<key>}). */
    public String key() {
        return key;
    }

    /** The limit whose {@link #key()} (or enum name) this is. */
    public static java.util.Optional<QuotaLimit> byKey(String key) {
        for (QuotaLimit l : values()) {
            if (l.key.equals(key) || l.name().equals(key)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    /** The unit amounts are counted in ("" for counts). */
    public String unit() {
        return unit;
    }

    public String label() {
        return label;
    }

    /** An amount with its unit, RAM in GiB once it is large: {@code 8 GiB}, {@code 512 MiB}, {@code 400 %}. */
    public String format(long amount) {
        if (this == RAM && amount >= 1024 && amount % 1024 == 0) {
            return amount / 1024 + " GiB";
        }
        if (this == RAM && amount >= 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", amount / 1024.0);
        }
        return unit.isEmpty() ? Long.toString(amount) : amount + " " + unit;
    }
}
