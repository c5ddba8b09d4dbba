package org.godshell.toaster.mtasts;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificate authorities MTA-STS trusts (RFC 8461 §3.3, §4.2: "PKIX-valid", the Web PKI): the JDK's
 * trust store, plus the extra anchors of {@code control/mtaststrust} for a private PKI or a test CA. A chain
 * is valid when either set accepts it. With the socket or engine variants of {@code checkServerTrusted}, the
 * JDK's manager also checks the name the connection asked for (endpoint identification, as HTTPS does).
 *
 * <p>Immutable and thread-safe.
 */
public final class WebPki {

    private final List<X509ExtendedTrustManager> managers;
    private final List<X509Certificate> extra;

    private WebPki(List<X509ExtendedTrustManager> managers, List<X509Certificate> extra) {
        this.managers = List.copyOf(managers);
        this.extra = List.copyOf(extra);
    }

    /** The JDK's trust store only, read once. */
    public static WebPki jdk() {
        return Jdk.TRUST;
    }

    /** Made when first asked for: loading the JDK's store costs milliseconds every caller can share. */
    private static final class Jdk {
        static final WebPki TRUST = withAnchors(List.of());
    }

    /** The JDK's trust store and these extra anchors. */
    public static WebPki withAnchors(List<X509Certificate> anchors) {
        try {
            List<X509ExtendedTrustManager> managers = new ArrayList<>(managers(null));
            if (!anchors.isEmpty()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < anchors.size(); i++) {
                    store.setCertificateEntry("anchor-" + i, anchors.get(i));
                }
                managers.addAll(managers(store));
            }
            return new WebPki(managers, anchors);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make a PKIX trust manager: " + e.getMessage(), e);
        }
    }

    /** The extra anchors, as read. */
    public List<X509Certificate> extraAnchors() {
        return extra;
    }

    /** A trust manager that accepts what any of the sets accepts; for clients only. */
    public X509ExtendedTrustManager trustManager() {
        return new AnyOfTrust(managers);
    }

    private static List<X509ExtendedTrustManager> managers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return Stream.of(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).toList();
    }
}
