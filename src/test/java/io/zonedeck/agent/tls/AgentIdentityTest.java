package io.zonedeck.agent.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void first_start_makes_an_owner_only_identity_and_later_starts_present_the_same_certificate() throws Exception {
        Path dir = tmp.resolve("state/tls");
        AgentIdentity first = AgentIdentity.loadOrCreate(dir, "cn-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentIdentity.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentIdentity.CERT_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(AgentIdentity.KEY_FILE))).startsWith("-----BEGIN PRIVATE KEY-----");

        AgentIdentity again = AgentIdentity.loadOrCreate(dir, "cn-1");
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(AgentIdentity.ephemeral("cn-1").fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void a_looser_key_file_is_tightened_to_owner_only_on_start() throws Exception {
        AgentIdentity.loadOrCreate(tmp, "cn-2");
        Path key = tmp.resolve(AgentIdentity.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        AgentIdentity.loadOrCreate(tmp, "cn-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void the_certificate_is_a_valid_self_signed_p256_certificate_whose_fingerprint_is_its_der_sha256()
            throws Exception {
        AgentIdentity id = AgentIdentity.ephemeral("node with spaces/and?odd chars");
        X509Certificate cert = id.certificate();
        cert.verify(cert.getPublicKey());
        cert.checkValidity();
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSubjectX500Principal().getName())
                .isEqualTo("CN=zonedeck-agent node_with_spaces_and_odd_chars");
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant().toString()).startsWith("9999-12-31");
        assertThat(id.fingerprint()).isEqualTo(Fingerprint.of(cert.getEncoded()));
    }

    @Test
    void the_fingerprint_reads_as_openssl_prints_it_and_as_operators_paste_it() {
        Fingerprint f = AgentIdentity.ephemeral("x").fingerprint();
        assertThat(f.toString()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Fingerprint.parse(f.toString())).contains(f);
        assertThat(Fingerprint.parse("sha256 Fingerprint=" + f)).contains(f);
        assertThat(Fingerprint.parse("SHA256:" + f.hex().toUpperCase())).contains(f);
        assertThat(Fingerprint.parse("  " + f.hex() + "\n")).contains(f);
        assertThat(Fingerprint.parse(f.hex().substring(2))).isEqualTo(Optional.empty());
        assertThat(Fingerprint.parse("zz" + f.hex().substring(2))).isEmpty();
        assertThat(Fingerprint.parse(null)).isEmpty();
    }
}
