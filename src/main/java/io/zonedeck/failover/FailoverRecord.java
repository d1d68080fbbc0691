package io.zonedeck.failover;

import java.time.Instant;

/**
 * One failover: who became MASTER when, from whom, and how long it took (last advert of the old master → new
 * master), when known.
 */
public record FailoverRecord(Instant at, String from, String to, Long durationMs, String reason) {}
