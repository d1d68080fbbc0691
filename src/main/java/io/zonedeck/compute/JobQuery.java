package io.zonedeck.compute;

/**
 * Filters of the jobs page; null or blank means "any".
 *
 * @param state queued, running, succeeded, failed, or "active" (queued or running)
 * @param search a machine name part or a user name
 */
public record JobQuery(String state, String action, String search) {
    public static JobQuery all() {
        return new JobQuery(null, null, null);
    }
}
