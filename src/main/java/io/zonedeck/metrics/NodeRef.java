package io.zonedeck.metrics;

import java.util.UUID;

/**
 * A compute node as metrics sees it.
 *
 * @param cpus the node's CPUs (100 % of one CPU each)
 * @param state the node's state as the portal knows it (online, offline, …)
 * @param problems FMA faults plus SMF services in maintenance or degraded (0 when healthy or unknown)
 */
public record NodeRef(UUID id, String name, int cpus, long ramMiB, long diskGiB, String state, int problems) {}
