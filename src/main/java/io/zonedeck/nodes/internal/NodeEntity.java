package io.zonedeck.nodes.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "node")
public class NodeEntity {
    @Id
    public UUID id;

    /** The agent's node id; its credential is only valid together with this name. */
    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public String url;

    /** Encrypted ({@link CredentialCipher}); never the plain token. */
    @Column(nullable = false, length = 512)
    public String credential;

    /** The pinned SHA-256 of the agent's certificate (hex); null over plain HTTP. */
    @Column(name = "tls_fingerprint", length = 64)
    public String tlsFingerprint;

    @Column(nullable = false)
    public String state;

    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    public String driver;
    public int cpus;

    @Column(name = "ram_mib")
    public long ramMiB;

    @Column(name = "disk_gib")
    public long diskGiB;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
