package io.zonedeck.metrics;

import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The latency distributions kept per machine (and merged per node), shown as heatmaps. */
public enum Distribution {
    SYSCALL_LATENCY("syscall_latency", "System call latency", MachineSample::syscallLatency),
    DISK_LATENCY("disk_latency", "Disk I/O latency", MachineSample::diskLatency),
    RUNQ_LATENCY("runq_latency", "CPU run-queue latency", MachineSample::runqLatency);

    private final String key;
    private final String label;
    private final Function<MachineSample, Histogram> ofMachine;

    Distribution(String key, String label, Function<MachineSample, Histogram> ofMachine) {
        this.key = key;
        this.label = label;
        this.ofMachine = ofMachine;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The machine's histogram in this sample, or null when not measured. */
    public Histogram of(MachineSample s) {
        return ofMachine.apply(s);
    }

    /** A physical disk's histogram: only disk latency is measured per disk. */
    public Histogram of(DiskSample d) {
        return this == DISK_LATENCY ? d.latency() : null;
    }

    public static Optional<Distribution> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(k)).findFirst();
    }
}
