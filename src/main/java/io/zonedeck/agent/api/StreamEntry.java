package io.zonedeck.agent.api;

/** One numbered entry of the agent's stream: exactly one of {@code sample} and {@code event} is set. */
public record StreamEntry(long seq, long timestamp, NodeSample sample, AgentEvent event) {}
