package io.zonedeck.metering.ui;

import io.zonedeck.metering.UsageRow;
import io.zonedeck.metering.UsageTotal;

/** What the usage chart shows, in the unit people are billed in. */
enum UsageMetric {
    CPU_HOURS("CPU hours", "CPU-h"),
    RAM_GIB_HOURS("RAM GiB-hours", "GiB-h"),
    DISK_GIB_HOURS("Disk GiB-hours", "GiB-h"),
    NETWORK_GIB("Network GiB", "GiB");

    static final double GIB = 1024.0 * 1024 * 1024;

    private final String label;
    private final String unit;

    UsageMetric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    double of(UsageRow r) {
        return switch (this) {
            case CPU_HOURS -> r.cpuSeconds() / 3600;
            case RAM_GIB_HOURS -> r.ramGibHours();
            case DISK_GIB_HOURS -> r.diskGibHours();
            case NETWORK_GIB -> r.netBytes() / GIB;
        };
    }

    double of(UsageTotal t) {
        return switch (this) {
            case CPU_HOURS -> t.cpuSeconds() / 3600;
            case RAM_GIB_HOURS -> t.ramGibHours();
            case DISK_GIB_HOURS -> t.diskGibHours();
            case NETWORK_GIB -> t.netBytes() / GIB;
        };
    }
}
