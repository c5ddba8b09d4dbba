package org.godshell.toaster.mtasts;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.godshell.toaster.smtpc.ServerTrust;

/**
 * Accepts a server chain that any of its managers accepts; when none does, the first refusal is reported (the
 * JDK's store comes first, so its reason is the one people see). Client side only.
 */
final class AnyOfTrust extends ServerTrust {

    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private final List<X509ExtendedTrustManager> managers;

    AnyOfTrust(List<X509ExtendedTrustManager> managers) {
        this.managers = List.copyOf(managers);
    }

    private void check(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager manager : managers) {
            try {
                check.run(manager);
                return;
            } catch (CertificateException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new CertificateException("no trust anchors");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return managers.stream().flatMap(m -> Stream.of(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
