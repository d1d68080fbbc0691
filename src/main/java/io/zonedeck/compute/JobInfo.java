package io.zonedeck.compute;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A durable job: action, state (queued, running, succeeded, failed), current step, progress and its completed
 * steps with their results, oldest first.
 */
public record JobInfo(
        UUID id,
        UUID machineId,
        String machineName,
        UUID tenantId,
        String action,
        String state,
        String step,
        int progress,
        List<String> steps,
        String error,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {
    public boolean active() {
        return "queued".equals(state) || "running".equals(state);
    }
}
