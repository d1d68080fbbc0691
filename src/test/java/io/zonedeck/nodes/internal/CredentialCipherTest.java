package io.zonedeck.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {
    @TempDir
    Path tmp;

    final UUID node = UUID.randomUUID();

    @Test
    void a_credential_round_trips_and_is_never_stored_as_itself() {
        CredentialCipher c = new CredentialCipher(new byte[32]);
        String sealed = c.encrypt(node, "the-node-token");
        assertThat(sealed).startsWith("v1:").doesNotContain("the-node-token");
        assertThat(c.encrypt(node, "the-node-token")).as("fresh nonce").isNotEqualTo(sealed);
        assertThat(c.decrypt(node, sealed)).isEqualTo("the-node-token");
        assertThat(sealed.length())
                .as("a 256-character token fits varchar(512)")
                .isLessThan(512);
        assertThat(c.encrypt(node, "x".repeat(256)).length()).isLessThan(512);
    }

    @Test
    void another_key_another_node_or_an_altered_value_does_not_decrypt() {
        CredentialCipher c = new CredentialCipher(new byte[32]);
        String sealed = c.encrypt(node, "secret");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new CredentialCipher(otherKey).decrypt(node, sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same zonedeck.nodes.credential-key");
        assertThatThrownBy(() -> c.decrypt(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> c.decrypt(node, altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_row_written_before_encryption_reads_as_it_is_until_it_is_sealed() {
        CredentialCipher c = new CredentialCipher(new byte[32]);
        assertThat(CredentialCipher.isEncrypted("plain-old-token")).isFalse();
        assertThat(c.decrypt(node, "plain-old-token")).isEqualTo("plain-old-token");
    }

    @Test
    void the_key_file_is_made_owner_only_in_an_owner_only_directory_and_read_back_the_same() throws Exception {
        Path file = tmp.resolve("data/node-credential.key");
        CredentialCipher first = CredentialCipher.fromSettings(null, file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        String sealed = first.encrypt(node, "tok");
        assertThat(CredentialCipher.fromSettings("", file).decrypt(node, sealed))
                .isEqualTo("tok");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CredentialCipher.fromSettings(null, file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void a_key_from_the_environment_wins_over_the_file_and_a_bad_one_is_a_clear_error() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        CredentialCipher env = CredentialCipher.fromSettings(key, tmp.resolve("never-made.key"));
        assertThat(new CredentialCipher(new byte[32]).decrypt(node, env.encrypt(node, "t")))
                .isEqualTo("t");
        assertThat(tmp.resolve("never-made.key")).doesNotExist();
        assertThatThrownBy(() -> CredentialCipher.fromSettings("c2hvcnQ=", tmp.resolve("x.key")))
                .hasMessageContaining("32 bytes in base64");
    }
}
