package io.zonedeck.metrics;

import io.zonedeck.agent.api.NodeSample;
import java.util.UUID;

/** One second of a node's metrics, as read from its agent's stream (published by the nodes feature). */
public record NodeSampleReceived(UUID nodeId, long timestamp, NodeSample sample) {}
