package io.zonedeck.nodes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** File modes for secrets and the embedded database: the service user only (where the file system has modes). */
public final class OwnerOnly {
    private OwnerOnly() {}

    public static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (Files.exists(path) && posix(path)) {
            Files.setPosixFilePermissions(path, perms);
        }
    }

    static boolean posix(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }
}
