package io.zonedeck.failover.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "failover_event")
public class FailoverEventEntity {
    @Id
    public UUID id;

    @Column(name = "pair_id", nullable = false)
    public UUID pairId;

    @Column(name = "at_time", nullable = false)
    public Instant at;

    @Column(name = "from_machine")
    public UUID fromMachine;

    @Column(name = "to_machine", nullable = false)
    public UUID toMachine;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(nullable = false)
    public String reason;
}
