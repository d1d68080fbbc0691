package io.zonedeck.agent.api;

import java.util.UUID;

/** A machine state change or provisioning progress. */
public record AgentEvent(UUID uuid, MachineState state, String step, Integer progress, String message) {}
