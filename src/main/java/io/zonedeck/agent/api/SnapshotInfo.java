package io.zonedeck.agent.api;

import java.time.Instant;

/** A ZFS snapshot of a machine (zones and bhyve only, as on SmartOS). */
public record SnapshotInfo(String name, Instant createdTimestamp) {}
