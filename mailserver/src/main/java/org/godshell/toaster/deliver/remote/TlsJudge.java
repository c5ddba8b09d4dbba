package org.godshell.toaster.deliver.remote;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.godshell.toaster.smtpc.ServerTrust;

/**
 * The trust manager of one STARTTLS handshake: it asks the host's verifier, if it has one, and remembers the
 * refusal. Required TLS fails the handshake on a refusal; opportunistic TLS with an audit (MTA-STS testing)
 * completes it and only reports; opportunistic TLS without one accepts every certificate (RFC 7435 §1.3: refusing a self-signed
 * certificate would only push the mail back to plain text). One per connection, used by one handshake.
 */
final class TlsJudge extends ServerTrust {

    private final Optional<X509ExtendedTrustManager> verifier;
    private final boolean enforce;
    private volatile CertificateException refusal;

    private TlsJudge(Optional<X509ExtendedTrustManager> verifier, boolean enforce) {
        this.verifier = verifier;
        this.enforce = enforce;
    }

    static TlsJudge of(HostTls tls) {
        return switch (tls) {
            case HostTls.Required r -> new TlsJudge(Optional.of(r.verifier()), true);
            case HostTls.Opportunistic o -> new TlsJudge(o.audit(), false);
        };
    }

    /** A socket factory whose handshakes this judge decides; no session is shared with another connection. */
    SSLSocketFactory factory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    /** The verifier's refusal, once the handshake asked for it. */
    Optional<CertificateException> refusal() {
        return Optional.ofNullable(refusal);
    }

    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void judge(Check check) throws CertificateException {
        if (verifier.isEmpty()) {
            return;
        }
        try {
            check.run(verifier.get());
        } catch (CertificateException e) {
            refusal = e;
            if (enforce) {
                throw e;
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judge(v -> v.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        judge(v -> v.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        judge(v -> v.checkServerTrusted(chain, authType, engine));
    }
}
