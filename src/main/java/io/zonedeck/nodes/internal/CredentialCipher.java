package io.zonedeck.nodes.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Node credentials at rest: AES-256-GCM, a fresh 96-bit nonce per value, the node's id as associated data (a value
 * copied onto another node's row does not decrypt). Stored as {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
public final class CredentialCipher {
    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public CredentialCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the node credential key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key from {@code base64Key} if given, else from {@code keyFile} (made there, owner-only, when absent). */
    public static CredentialCipher fromSettings(String base64Key, Path keyFile) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new CredentialCipher(KeyFile.decode(base64Key, "ZONEDECK_NODES_CREDENTIAL_KEY"));
        }
        return new CredentialCipher(KeyFile.loadOrCreate(keyFile));
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String encrypt(UUID nodeId, String credential) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(nodeId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(credential.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The credential; a value without the prefix is a row written before credentials were encrypted and is returned
     * as it is (it is encrypted at the next start).
     *
     * @throws IllegalStateException when the value was encrypted with another key or altered
     */
    public String decrypt(UUID nodeId, String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(nodeId.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the credential of node " + nodeId + " does not decrypt with this portal's key: every instance"
                            + " of one database needs the same zonedeck.nodes.credential-key"
                            + " (ZONEDECK_NODES_CREDENTIAL_KEY) or key file",
                    e);
        }
    }
}
