package io.zonedeck.security;

import io.zonedeck.base.Printable;
import io.zonedeck.base.ZoneDeckException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An OpenSSH public key line ({@code type base64 [comment]}), checked the way sshd would read it: a known type, valid
 * base64 whose blob is well formed and names the same type (and curve), and its fingerprint as {@code ssh-keygen -l}
 * prints it.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param bits the key size ({@code ssh-keygen -l}'s first column)
 * @param base64 the key blob as in the line
 * @param comment the comment, "" when none
 * @param fingerprint {@code SHA256:} and the unpadded base64 of the blob's SHA-256
 */
public record SshPublicKey(String type, int bits, String base64, String comment, String fingerprint) {
    /** Longest line accepted (a 16384-bit RSA key is about 2.8 KB). */
    public static final int MAX_LENGTH = 8192;

    public static final int MAX_COMMENT = 256;

    /** The accepted types and how ssh-keygen labels them. */
    static final Map<String, String> TYPES = Map.of(
            "ssh-ed25519", "ED25519",
            "ssh-rsa", "RSA",
            "ecdsa-sha2-nistp256", "ECDSA",
            "ecdsa-sha2-nistp384", "ECDSA",
            "ecdsa-sha2-nistp521", "ECDSA",
            "sk-ssh-ed25519@openssh.com", "ED25519-SK",
            "sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK");

    private static final String EXPECTED =
            "expected e.g. \"ssh-ed25519 AAAA… you@laptop\" (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521,"
                    + " sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com)";

    /** The key line normalised: type, blob and comment separated by single spaces. */
    public String line() {
        return type + " " + base64 + (comment.isEmpty() ? "" : " " + comment);
    }

    /** ssh-keygen's label for the type: ED25519, RSA, ECDSA, ED25519-SK, ECDSA-SK. */
    public String label() {
        return TYPES.get(type);
    }

    /** Parses one key line; a refusal is 422 with a field error on {@code field} saying what is wrong. */
    public static SshPublicKey parse(String text, String field) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw ZoneDeckException.invalid(field, e.getMessage());
        }
    }

    /** Parses one key line; {@link IllegalArgumentException} with a user-facing message when it is not a key. */
    public static SshPublicKey parse(String text) {
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("A public key is required");
        }
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A public key line has at most " + MAX_LENGTH + " characters");
        }
        if (line.contains("\n") || line.contains("\r")) {
            throw new IllegalArgumentException("One key only: the text has more than one line");
        }
        if (line.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("This is a private key: paste the .pub file's line instead");
        }
        String[] parts = line.split("\\s+", 3);
        String type = parts[0];
        if (!TYPES.containsKey(type)) {
            throw new IllegalArgumentException("Unknown key type \"" + Printable.of(type, 40) + "\": " + EXPECTED);
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("The key data is missing after " + type);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key data is not valid base64");
        }
        int bits = checkBlob(type, blob);
        String comment = parts.length > 2 ? parts[2].strip() : "";
        if (comment.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("The comment has at most " + MAX_COMMENT + " characters");
        }
        if (comment.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The comment contains control characters");
        }
        return new SshPublicKey(type, bits, parts[1], comment, fingerprint(blob));
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as {@code ssh-keygen -l} prints it. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the blob's structure for its type and returns the key size in bits. */
    private static int checkBlob(String type, byte[] blob) {
        List<byte[]> fields = fields(blob);
        if (fields.isEmpty() || !type.equals(new String(fields.get(0), StandardCharsets.US_ASCII))) {
            String inside = fields.isEmpty()
                    ? "nothing"
                    : Printable.of(new String(fields.get(0), StandardCharsets.US_ASCII), 40);
            throw new IllegalArgumentException("The key data is a " + inside + " key, not " + type);
        }
        switch (type) {
            case "ssh-ed25519" -> {
                expect(fields, 2, type);
                exactLength(fields.get(1), 32, type);
                return 256;
            }
            case "sk-ssh-ed25519@openssh.com" -> {
                expect(fields, 3, type);
                exactLength(fields.get(1), 32, type);
                return 256;
            }
            case "ssh-rsa" -> {
                expect(fields, 3, type);
                BigInteger n = new BigInteger(fields.get(2));
                BigInteger e = new BigInteger(fields.get(1));
                if (n.signum() <= 0 || e.signum() <= 0) {
                    throw new IllegalArgumentException("The RSA key data is malformed");
                }
                if (n.bitLength() < 1024) {
                    throw new IllegalArgumentException("RSA keys need at least 1024 bits (this one has " + n.bitLength()
                            + "); prefer ssh-ed25519");
                }
                return n.bitLength();
            }
            default -> {
                // ecdsa-sha2-nistpNNN and sk-ecdsa-sha2-nistp256@openssh.com: curve name, then the point
                String curve = type.replaceFirst("^(sk-)?ecdsa-sha2-", "").replace("@openssh.com", "");
                boolean sk = type.startsWith("sk-");
                expect(fields, sk ? 4 : 3, type);
                if (!curve.equals(new String(fields.get(1), StandardCharsets.US_ASCII))) {
                    throw new IllegalArgumentException("The key data names another curve than " + curve);
                }
                int bits = Integer.parseInt(curve.substring("nistp".length()));
                int coordinate = (bits + 7) / 8;
                exactLength(fields.get(2), 1 + 2 * coordinate, type);
                if (fields.get(2)[0] != 4) {
                    throw new IllegalArgumentException("The " + type + " key's point is not uncompressed");
                }
                return bits;
            }
        }
    }

    private static void expect(List<byte[]> fields, int count, String type) {
        if (fields.size() != count) {
            throw new IllegalArgumentException("The " + type + " key data is malformed");
        }
    }

    private static void exactLength(byte[] field, int length, String type) {
        if (field.length != length) {
            throw new IllegalArgumentException("The " + type + " key data is malformed");
        }
    }

    /** The blob's length-prefixed fields (SSH wire format); malformed when a length runs past the end. */
    private static List<byte[]> fields(byte[] blob) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(blob);
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("The key data is malformed (truncated)");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("The key data is malformed (truncated)");
            }
            byte[] f = new byte[len];
            b.get(f);
            out.add(f);
        }
        return out;
    }
}
