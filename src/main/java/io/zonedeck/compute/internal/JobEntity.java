package io.zonedeck.compute.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "job")
public class JobEntity {
    @Id
    public UUID id;

    @Column(name = "machine_id", nullable = false)
    public UUID machineId;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String state;

    public String step;

    @Column(nullable = false)
    public int progress;

    /** Completed steps, one per line, with their results. */
    @Column(name = "step_log", length = 4000)
    public String stepLog = "";

    public String error;

    /** The operation's parameters as a JSON object (resize: package ids; snapshot: name; NIC: mac ...). */
    @Column(nullable = false, length = 8000)
    public String params = "{}";

    /** The machine's name when the job was accepted (kept after the machine is deleted). */
    @Column(name = "machine_name", nullable = false)
    public String machineName = "";

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
