package io.zonedeck.agent.api;

/**
 * One second of one physical disk of the node's pool (zpool iostat / kstat sd / Linux diskstats).
 *
 * @param name device name as the platform shows it (c1t0d0 on SmartOS, sda on Linux)
 * @param latency I/O latency distribution of this second; null when not measured
 */
public record DiskSample(
        String name, long readBytes, long writeBytes, long readOps, long writeOps, Histogram latency) {}
