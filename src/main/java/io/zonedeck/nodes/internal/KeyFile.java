package io.zonedeck.nodes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A 32-byte key in a file of its own (base64, one line), readable by the service user only: made with mode 0600
 * (in a directory made 0700) from the first byte, and tightened to 0600 when found looser.
 */
final class KeyFile {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private KeyFile() {}

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            OwnerOnly.restrict(file, OWNER_ONLY);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node credential key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            OwnerOnly.restrict(dir, OWNER_DIR);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dir, ".key-", ".tmp", attributes(dir));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                // a link fails when another instance made the file first: then that one is the key
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // keep theirs
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] attributes(Path dir) {
        return OwnerOnly.posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("length " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the node credential key in " + where + " must be 32 bytes in base64 (openssl rand -base64 32)");
        }
    }
}
