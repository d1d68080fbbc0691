package io.zonedeck.agent.api;

/** Body of {@code POST /v1/machines/{uuid}/snapshots}: 1-64 letters, digits, '-', '_', '.', ':'. */
public record SnapshotRequest(String name) {}
