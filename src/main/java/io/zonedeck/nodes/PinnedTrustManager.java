package io.zonedeck.nodes;

import io.zonedeck.agent.api.Fingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one agent certificate, by its SHA-256 fingerprint (no CA, no host name: the pin is the identity,
 * like SSH's known_hosts). Without a pin (trust on first use at registration) it accepts the certificate and
 * remembers its fingerprint, for the operator to see and the portal to pin.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final Fingerprint pin;
    private final AtomicReference<Fingerprint> seen = new AtomicReference<>();

    PinnedTrustManager(Fingerprint pin) {
        this.pin = pin;
    }

    /** The fingerprint of the certificate the agent presented last, if it presented one. */
    Fingerprint seen() {
        return seen.get();
    }

    /** The certificate was not the pinned one. */
    static final class Mismatch extends CertificateException {
        final Fingerprint expected;
        final Fingerprint presented;

        Mismatch(Fingerprint expected, Fingerprint presented) {
            super("the agent's certificate " + presented + " is not the pinned one " + expected);
            this.expected = expected;
            this.presented = presented;
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate");
        }
        Fingerprint presented = Fingerprint.of(chain[0]);
        seen.set(presented);
        if (pin != null && !pin.equals(presented)) {
            throw new Mismatch(pin, presented);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the portal does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the portal does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the portal does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** The mismatch somewhere in {@code e}'s causes, if a pin refused the connection. */
    static java.util.Optional<Mismatch> mismatchIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Mismatch m) {
                return java.util.Optional.of(m);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof Mismatch m) {
                    return java.util.Optional.of(m);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
