package io.zonedeck.agent.api;

/**
 * One numbered entry of the agent's stream: exactly one of {@code sample}, {@code event} and {@code vrrp} is
 * set.
 */
public record StreamEntry(long seq, long timestamp, NodeSample sample, AgentEvent event, VrrpTransition vrrp) {
    public StreamEntry(long seq, long timestamp, NodeSample sample, AgentEvent event) {
        this(seq, timestamp, sample, event, null);
    }
}
