package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.base.ZoneDeckException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Public keys are read like sshd reads them; fingerprints match {@code ssh-keygen -lf} (values recorded from it). */
class SshPublicKeyTest {
    static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAtKj0ZUWQpqx9hLg7hHt2fehV5XVKznknkRCKkqP0N3 alice@laptop";
    static final String RSA =
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDm3FzcHnJeuWKlMD3uRtvPuaKqmAYO/V44TgMFvE2LPxK8+L0IDtiiBGeHQ"
                    + "ilrjLbwu0kWOJoJ9dO1gYDtzd0LGcjbzHb1ziC+JVu9sgVJvaqeKPfNnBi56rt02p+IpkKFzBDKlE1v5ARKlkXpNJ6iguZTpv6lGBWNCPkjJ"
                    + "UDDXJKxQ+UKHD7wdeZTOKukTHGMHAKnNXC0/U/8uLXR8obC40gjb43FcBrN95FBeatV0FXopB2mZHaiBc97VaHfVhy4FylBG5IDlyLT0NYx1N"
                    + "7VTWXCEZP+yPq0LE6I9bjEWtM2Fca2XGMeRKMzW1+IdJ+3Ngf/CJq3aO+ODGRcrhMP alice@rsa";
    static final String ECDSA_256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLmiT4zGvy"
            + "Yo07s0o39XYNNktz/AHYu9hsVd+G9lGoLhocOBnWXWAwE0B3svKzCpg2Jyhhpgss2bhy5UGR5bPGo= e256";
    static final String ECDSA_384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBLsq24Deic"
            + "dzmXiogZ28HrEJLjCd2pvwSb/5vaew3AEXNIaNlx+dYDtC9XQJTON+ww9VmNHNyA9IVtMbv9OyoneT/OqjyZELdkC1mRo/hh0qz1/IW/XZVaG"
            + "GulUkjjdXXA== e384";
    static final String ECDSA_521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAAzO3dwVb"
            + "jB6+Lj6YSg2sIcQcgMdh1IIdxefQ8rdVZ7z2Y1Xwa51PuVvjDUhggtHRG0PGD/AvnvO+ek0xeFfKWDtQFydrMoFH7J3ulMWeBhovvvbQenGd"
            + "NCG75uDwZIcgGgaomw+GiYVHntZjt7JOCUefLuMOuLVF05G90P0DS8zaAsJQ== e521";
    static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIAABAgME"
            + "BQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fAAAABHNzaDo= yubi@desk";

    @Test
    void an_ed25519_key_has_the_fingerprint_ssh_keygen_prints() {
        SshPublicKey k = SshPublicKey.parse(ED25519);
        // ssh-keygen -lf: 256 SHA256:Cwdl1NJfIow8/tc+kd2ZSqR1cSTYooAnXavU4sJsRlY alice@laptop (ED25519)
        assertThat(k.fingerprint()).isEqualTo("SHA256:Cwdl1NJfIow8/tc+kd2ZSqR1cSTYooAnXavU4sJsRlY");
        assertThat(k.bits()).isEqualTo(256);
        assertThat(k.label()).isEqualTo("ED25519");
        assertThat(k.comment()).isEqualTo("alice@laptop");
        assertThat(k.line()).isEqualTo(ED25519);
    }

    @Test
    void rsa_ecdsa_and_security_keys_have_ssh_keygens_sizes_and_fingerprints() {
        assertThat(SshPublicKey.parse(RSA))
                .extracting(SshPublicKey::bits, SshPublicKey::fingerprint, SshPublicKey::label)
                .containsExactly(2048, "SHA256:8vNW+3/6LkRGNSgLNdD02deM5jynQIWe+XyjyXAO4vk", "RSA");
        assertThat(SshPublicKey.parse(ECDSA_256))
                .extracting(SshPublicKey::bits, SshPublicKey::fingerprint)
                .containsExactly(256, "SHA256:fIwLTOcBOHpbstuQcRJ90bjew1ZFTehxoOHxXGN/hmA");
        assertThat(SshPublicKey.parse(ECDSA_384))
                .extracting(SshPublicKey::bits, SshPublicKey::fingerprint)
                .containsExactly(384, "SHA256:hzvsP6sx55KboHqf999XofKrDEcAQ904RPxhq/F9BMo");
        assertThat(SshPublicKey.parse(ECDSA_521))
                .extracting(SshPublicKey::bits, SshPublicKey::fingerprint)
                .containsExactly(521, "SHA256:h/WGNhNJfMvxq94O/FLEGAskjF2ZcwnefyiaLAlcfFE");
        assertThat(SshPublicKey.parse(SK_ED25519))
                .extracting(SshPublicKey::bits, SshPublicKey::fingerprint, SshPublicKey::label)
                .containsExactly(256, "SHA256:/p0CbeE3dk2SyW1OXXsThGc12ezDVD8eGw2/vtztDfk", "ED25519-SK");
    }

    @Test
    void surrounding_whitespace_and_a_missing_comment_are_fine() {
        SshPublicKey k = SshPublicKey.parse("  " + ED25519.replace(" alice@laptop", "") + "\t ");
        assertThat(k.comment()).isEmpty();
        assertThat(k.line()).isEqualTo(ED25519.replace(" alice@laptop", ""));
    }

    @Test
    void a_declared_type_the_blob_does_not_carry_is_refused() {
        String lying = ED25519.replace("ssh-ed25519 ", "ssh-rsa ");
        assertThatThrownBy(() -> SshPublicKey.parse(lying)).hasMessageContaining("ssh-ed25519 key, not ssh-rsa");
        String otherCurve = ECDSA_256.replace("ecdsa-sha2-nistp256 ", "ecdsa-sha2-nistp384 ");
        assertThatThrownBy(() -> SshPublicKey.parse(otherCurve)).hasMessageContaining("not ecdsa-sha2-nistp384");
    }

    @Test
    void unknown_types_bad_base64_and_truncated_blobs_are_refused_with_a_reason() {
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-dss AAAAB3NzaC1kc3M= x"))
                .hasMessageContaining("Unknown key type");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 not*base64")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519")).hasMessageContaining("missing");
        String truncated = ED25519.substring(0, 60);
        assertThatThrownBy(() -> SshPublicKey.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshPublicKey.parse("")).hasMessageContaining("required");
        assertThatThrownBy(() -> SshPublicKey.parse(ED25519 + "\n" + RSA)).hasMessageContaining("more than one line");
        assertThatThrownBy(() -> SshPublicKey.parse("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk="))
                .hasMessageContaining("private key");
    }

    @Test
    void an_ed25519_key_of_the_wrong_length_is_refused() {
        byte[] blob = blob("ssh-ed25519", new byte[31]);
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob);
        assertThatThrownBy(() -> SshPublicKey.parse(line)).hasMessageContaining("malformed");
    }

    @Test
    void rsa_keys_below_1024_bits_are_refused() {
        byte[] n = new byte[65];
        n[1] = (byte) 0xC1; // a positive 512-bit modulus
        n[64] = 1;
        byte[] blob = blob("ssh-rsa", new byte[] {1, 0, 1}, n);
        assertThatThrownBy(() ->
                        SshPublicKey.parse("ssh-rsa " + Base64.getEncoder().encodeToString(blob)))
                .hasMessageContaining("at least 1024 bits");
    }

    @Test
    void control_characters_in_the_comment_are_refused_and_a_refusal_names_the_field() {
        assertThatThrownBy(() -> SshPublicKey.parse(ED25519 + "\u0007bell", "publicKey"))
                .isInstanceOf(ZoneDeckException.class)
                .satisfies(e -> assertThat(((ZoneDeckException) e).messageFor("publicKey"))
                        .hasValueSatisfying(m -> assertThat(m).contains("control characters")));
    }

    private static byte[] blob(String type, byte[]... fields) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        int size = 4 + t.length;
        for (byte[] f : fields) {
            size += 4 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(t.length).put(t);
        for (byte[] f : fields) {
            b.putInt(f.length).put(f);
        }
        return b.array();
    }
}
