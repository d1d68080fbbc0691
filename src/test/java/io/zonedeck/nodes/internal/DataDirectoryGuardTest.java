package io.zonedeck.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryGuardTest {
    @TempDir
    Path tmp;

    @Test
    void finds_the_file_of_an_h2_file_url_and_nothing_for_other_databases() {
        assertThat(DataDirectoryGuard.h2File("jdbc:h2:file:./data/zonedeck;AUTO_SERVER=FALSE"))
                .contains(Path.of("./data/zonedeck"));
        assertThat(DataDirectoryGuard.h2File("jdbc:h2:./db/x")).contains(Path.of("./db/x"));
        assertThat(DataDirectoryGuard.h2File("jdbc:h2:mem:zd;DB_CLOSE_DELAY=-1"))
                .isEmpty();
        assertThat(DataDirectoryGuard.h2File("jdbc:h2:tcp://db/x")).isEmpty();
        assertThat(DataDirectoryGuard.h2File("jdbc:postgresql://localhost/zonedeck"))
                .isEmpty();
        assertThat(DataDirectoryGuard.h2File(null)).isEmpty();
    }

    @Test
    void the_database_directory_becomes_owner_only_and_its_files_0600() throws Exception {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = dir.resolve("zonedeck.mv.db");
        Files.writeString(db, "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path other = dir.resolve("unrelated.txt");
        Files.writeString(other, "x");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

        DataDirectoryGuard.prepare(dir.resolve("zonedeck"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void a_missing_directory_is_made_owner_only() throws Exception {
        DataDirectoryGuard.prepare(tmp.resolve("fresh/zonedeck"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("fresh"))))
                .isEqualTo("rwx------");
    }
}
