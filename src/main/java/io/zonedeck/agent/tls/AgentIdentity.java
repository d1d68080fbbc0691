package io.zonedeck.agent.tls;

import io.zonedeck.agent.api.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The agent's TLS identity: an EC P-256 key pair and a self-signed certificate, made on first start and kept in
 * the state dir ({@code agent-key.pem}, {@code agent-cert.pem}, both mode 0600 in a 0700 directory) so that the
 * fingerprint the portal pinned stays valid across restarts.
 */
public final class AgentIdentity {
    static final String KEY_FILE = "agent-key.pem";
    static final String CERT_FILE = "agent-cert.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Fingerprint fingerprint;

    private AgentIdentity(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        this.fingerprint = Fingerprint.of(certificate);
    }

    /** A fresh identity kept in memory only (tests; an agent without a state dir would get a new one per start). */
    public static AgentIdentity ephemeral(String nodeId) {
        try {
            KeyPair keys = newKeyPair();
            return new AgentIdentity(
                    keys.getPrivate(), SelfSignedCertificate.create(keys, cn(nodeId), Instant.now(), RANDOM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS identity: " + e.getMessage(), e);
        }
    }

    /** The identity kept in {@code dir}, made there (owner-only) when it is not there yet. */
    public static AgentIdentity loadOrCreate(Path dir, String nodeId) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        try {
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                return load(keyFile, certFile);
            }
            Files.createDirectories(dir);
            restrict(dir, OWNER_DIR);
            AgentIdentity fresh = ephemeral(nodeId);
            write(certFile, pem("CERTIFICATE", fresh.certificate.getEncoded()));
            write(keyFile, pem("PRIVATE KEY", fresh.key.getEncoded()));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the agent's TLS identity in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the agent's TLS identity in " + dir + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static AgentIdentity load(Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
        restrict(keyFile, OWNER_ONLY);
        PrivateKey key =
                KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(keyFile))));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(unpem(Files.readString(certFile))));
        return new AgentIdentity(key, cert);
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server-side TLS context presenting this identity. */
    public SSLContext serverContext() {
        try {
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, none);
            store.setKeyEntry("agent", key, none, new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, RANDOM);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return gen.generateKeyPair();
    }

    private static String cn(String nodeId) {
        String safe = nodeId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "zonedeck-agent " + (safe.length() > 40 ? safe.substring(0, 40) : safe);
    }

    /** Writes owner-only from the first byte (a temp file created 0600, then moved into place). */
    private static void write(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".pem", attributes(file));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] attributes(Path file) {
        return posix(file)
                ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, perms);
        }
    }

    private static boolean posix(Path path) {
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

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
