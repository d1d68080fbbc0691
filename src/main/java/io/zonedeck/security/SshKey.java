package io.zonedeck.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's saved SSH public key.
 *
 * @param type e.g. {@code ssh-ed25519}
 * @param bits the key size, as {@code ssh-keygen -l} prints it
 * @param fingerprint {@code SHA256:…}
 * @param publicKey the whole line ({@code type base64 comment})
 */
public record SshKey(
        UUID id,
        String name,
        String type,
        int bits,
        String fingerprint,
        String comment,
        String publicKey,
        Instant createdAt) {}
