package io.zonedeck.metering;

import java.time.Instant;
import java.util.UUID;

/**
 * A usage question: hours starting in [from truncated to its hour, to), grouped by {@code granularity}.
 *
 * @param tenantId only this tenant (operators; a tenant caller asking for another tenant gets nothing), or null
 */
public record UsageQuery(Instant from, Instant to, Granularity granularity, UUID tenantId) {
    public UsageQuery(Instant from, Instant to, Granularity granularity) {
        this(from, to, granularity, null);
    }
}
