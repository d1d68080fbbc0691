package io.zonedeck.nodes;

import java.util.UUID;

/**
 * This instance has just taken the lease of a node (its singleton work — metering, reconciling — starts here now).
 * Listeners that count what the node sends catch up with what the previous holder stored first.
 */
public record NodeLeaseAcquired(UUID nodeId) {}
