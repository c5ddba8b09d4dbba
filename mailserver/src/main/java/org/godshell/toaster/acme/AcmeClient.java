package org.godshell.toaster.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * The conversation with one CA through acme4j (RFC 8555 §7): the directory and its terms, the account (found by
 * its key, or created), and an order answered through HTTP-01 or TLS-ALPN-01 ({@link Answers}). acme4j's
 * exceptions leave as {@link AcmeException}s that say what we were doing.
 */
final class AcmeClient {

    /** How long the CA may take to validate, and to issue, before we give up on this attempt. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final Session session;
    private final String ca;

    private AcmeClient(Session session, String ca) {
        this.session = session;
        this.ca = ca;
    }

    /** A session with the CA at {@code directory}; its HTTPS trusts {@code caPem}'s anchors too, when given. */
    static AcmeClient connect(CaDirectory directory, Optional<Path> caPem) throws AcmeException {
        SSLContext tls = null;
        if (caPem.isPresent()) {
            tls = trusting(caPem.get());
        }
        return new AcmeClient(new Session(directory.url(), new Provider(Optional.ofNullable(tls))),
                directory.toString());
    }

    /** The URL of the CA's terms of service (RFC 8555 §7.1.1 meta.termsOfService), if it has any. */
    Optional<URI> termsOfService() throws AcmeException {
        try {
            return session.getMetadata().getTermsOfService();
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw AcmeException.from(e, ca, "reading its directory");
        }
    }

    /** Logs in with the account key, creating the account (with {@code email}, terms agreed) when the CA has none. */
    Login login(KeyPair accountKey, String email) throws AcmeException {
        try {
            return new AccountBuilder().addEmail(email).agreeToTermsOfService().useKeyPair(accountKey)
                    .createLogin(session);
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw AcmeException.from(e, ca, "creating or finding the account");
        } catch (IllegalArgumentException e) {
            throw AcmeException.local("\"" + AcmeException.printable(email) + "\" is not a usable contact address: "
                    + e.getMessage());
        }
    }

    /** The renewal window the CA suggests for {@code certificate} (RFC 9773); empty when it offers no ARI. */
    Optional<RenewalDecision.Window> renewalWindow(Login login, X509Certificate certificate) throws AcmeException {
        try {
            if (session.resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
                return Optional.empty();
            }
            RenewalInfo info = login.bindRenewalInfo(certificate);
            return Optional.of(new RenewalDecision.Window(info.getSuggestedWindowStart(),
                    info.getSuggestedWindowEnd()));
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw AcmeException.from(e, ca, "asking for renewal information");
        }
    }

    /**
     * Orders a certificate for {@code names} with {@code key}, answering each name's challenge through
     * {@code answers}; returns the chain, the server's certificate first. With {@code replaces} and a CA that
     * offers ARI, the order says which certificate it renews (RFC 9773 §5).
     */
    List<X509Certificate> order(Login login, List<String> names, KeyPair key, Answers answers,
            Optional<X509Certificate> replaces) throws AcmeException, InterruptedException {
        try {
            OrderBuilder builder = login.newOrder().domains(names);
            if (replaces.isPresent() && session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent()) {
                builder.replaces(replaces.get());
            }
            Order order = builder.create();
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() != Status.VALID) {
                    answers.prove(authorization, PATIENCE);
                }
            }
            if (order.waitUntilReady(PATIENCE) != Status.READY) {
                throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " did not make the order ready: "
                        + order.getError().map(AcmeException::detail).orElse("status " + order.getStatus()),
                        Optional.empty(), null);
            }
            order.execute(key);
            if (order.waitForCompletion(PATIENCE) != Status.VALID) {
                throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " did not issue the "
                        + "certificate: " + order.getError().map(AcmeException::detail).orElse("status "
                        + order.getStatus()), Optional.empty(), null);
            }
            return order.getCertificate().getCertificateChain();
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw AcmeException.from(e, ca, "ordering a certificate for " + String.join(", ", names));
        }
    }

    String ca() {
        return ca;
    }

    private static SSLContext trusting(Path caPem) throws AcmeException {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("anchor-" + i++, certificate);
            }
            if (i == 0) {
                throw AcmeException.local(caPem + " holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw AcmeException.local("cannot read the CA certificates in " + caPem + ": " + e.getMessage());
        }
    }

    /** acme4j's generic provider, its HTTP client trusting a private CA's anchors (Pebble, step-ca) instead. */
    private static final class Provider extends GenericAcmeProvider {
        private final Optional<SSLContext> tls;

        Provider(Optional<SSLContext> tls) {
            this.tls = tls;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.getTimeout()).proxy(settings.getProxySelector());
            tls.ifPresent(builder::sslContext);
            return builder.build();
        }
    }
}
