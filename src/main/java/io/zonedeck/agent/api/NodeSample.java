package io.zonedeck.agent.api;

import java.util.List;

/**
 * One second of one node.
 *
 * @param cpuUtilPct node CPU utilization, 0..100 of all its CPUs
 */
public record NodeSample(double cpuUtilPct, long memUsedMiB, List<MachineSample> machines) {}
