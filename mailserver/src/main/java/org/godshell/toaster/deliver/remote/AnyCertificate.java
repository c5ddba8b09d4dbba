package org.godshell.toaster.deliver.remote;

import java.security.cert.X509Certificate;
import org.godshell.toaster.smtpc.ServerTrust;

/**
 * The verifier of TLS that must happen but cannot be authenticated: a secure TLSA RRset without a usable record
 * (RFC 7672 §2.2: "the SMTP client MUST use TLS" yet has nothing to check the certificate against). Encryption is
 * required, any server certificate accepted; it only ever judges servers.
 */
final class AnyCertificate extends ServerTrust {

    static final AnyCertificate INSTANCE = new AnyCertificate();

    private AnyCertificate() {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }
}
