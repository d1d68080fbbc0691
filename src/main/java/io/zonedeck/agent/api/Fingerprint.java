package io.zonedeck.agent.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 fingerprint of an agent's TLS certificate (over its DER encoding, as {@code openssl x509 -noout
 * -fingerprint -sha256} prints it). The portal pins it at registration, like SSH's known_hosts.
 *
 * @param hex 64 lower-case hex digits
 */
public record Fingerprint(String hex) {
    public Fingerprint {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits");
        }
    }

    public static Fingerprint of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static Fingerprint of(byte[] der) {
        try {
            return new Fingerprint(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * Reads what an operator pastes: hex digits with or without colons or spaces, either case, optionally after
     * {@code SHA256:} or {@code sha256 Fingerprint=}. Empty when it is not a SHA-256 fingerprint.
     */
    public static Optional<Fingerprint> parse(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        String s = text.trim();
        int eq = s.lastIndexOf('=');
        if (eq >= 0) {
            s = s.substring(eq + 1);
        }
        if (s.regionMatches(true, 0, "SHA256:", 0, 7)) {
            s = s.substring(7);
        }
        s = s.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        return s.matches("[0-9a-f]{64}") ? Optional.of(new Fingerprint(s)) : Optional.empty();
    }

    /** Colon-separated upper-case pairs, as openssl prints it. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
