package io.zonedeck.agent.server;

/** Answer of {@code POST /v1/sim/fail} and {@code /v1/sim/recover}. */
record SimNodeStatus(String nodeId, boolean down) {}
