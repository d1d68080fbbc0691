package io.zonedeck.compute;

import java.time.Instant;

/** A machine's snapshot, oldest first in lists. */
public record SnapshotSummary(String name, Instant createdAt) {}
