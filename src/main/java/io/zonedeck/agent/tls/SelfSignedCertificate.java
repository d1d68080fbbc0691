package io.zonedeck.agent.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A self-signed X.509 v3 certificate for an EC P-256 key, DER-encoded with the JDK only (the JDK has no public API
 * for it, and the agent stays free of libraries beyond Jackson: decision 012). Its contents matter little: the
 * portal pins the certificate's fingerprint and TLS proves the agent holds the private key. Subject and issuer are
 * {@code CN=zonedeck-agent <node>}; valid from a day before creation to 9999-12-31 (RFC 5280's "no well-defined
 * expiration": a pin does not expire); basicConstraints CA:FALSE.
 */
public final class SelfSignedCertificate {
    private static final byte[] ECDSA_WITH_SHA256 = {
        0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02
    };
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] BASIC_CONSTRAINTS = {0x06, 0x03, 0x55, 0x1D, 0x13};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {}

    /** Signs a certificate for {@code keys} (an EC key pair) naming {@code commonName}. */
    public static X509Certificate create(KeyPair keys, String commonName, Instant now, SecureRandom random)
            throws GeneralSecurityException {
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        byte[] algorithm = seq(ECDSA_WITH_SHA256);
        byte[] name = seq(set(seq(COMMON_NAME, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = seq(
                tlv(0x17, UTC_TIME.format(now.minusSeconds(86_400)).getBytes(StandardCharsets.US_ASCII)),
                tlv(0x18, "99991231235959Z".getBytes(StandardCharsets.US_ASCII)));
        byte[] basicConstraints = seq(BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xFF}), tlv(0x04, seq()));
        byte[] tbs = seq(
                tlv(0xA0, tlv(0x02, new byte[] {2})),
                tlv(0x02, new BigInteger(1, serial).toByteArray()),
                algorithm,
                name,
                validity,
                name,
                keys.getPublic().getEncoded(),
                tlv(0xA3, seq(basicConstraints)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate(), random);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
        X509Certificate cert = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        cert.verify(keys.getPublic());
        return cert;
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One DER element: tag, definite length (short or long form), contents. */
    static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int len = contents.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            byte[] l = BigInteger.valueOf(len).toByteArray();
            int skip = l[0] == 0 ? 1 : 0;
            out.write(0x80 | (l.length - skip));
            out.write(l, skip, l.length - skip);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }
}
