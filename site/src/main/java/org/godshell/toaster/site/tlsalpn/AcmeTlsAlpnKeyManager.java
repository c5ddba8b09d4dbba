package org.godshell.toaster.site.tlsalpn;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's own key manager, but for a handshake that negotiated {@code acme-tls/1} ({@link AcmeTlsAlpn}):
 * then the validation certificate of the SNI name (RFC 8737 §3), read at this handshake, or none at all, which
 * fails the handshake. A handshake asks for an alias, then for its chain and key in separate calls, so each
 * validation read gets an alias of its own ({@code acme-tls/1#7}) and a rewritten file never pairs one
 * certificate with another's key; the last few are kept for handshakes under way.
 */
public final class AcmeTlsAlpnKeyManager extends X509ExtendedKeyManager {

    private static final String PREFIX = AcmeTlsAlpn.PROTOCOL + "#";
    /** Validations kept for their handshakes: a CA connects a few times per name, seconds apart. */
    private static final int KEPT = 64;

    private final X509ExtendedKeyManager server;
    private final ValidationCertificates validations;
    private final Map<String, ValidationCertificates.Validation> chosen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ValidationCertificates.Validation> eldest) {
            return size() > KEPT;
        }
    };
    private long next;

    public AcmeTlsAlpnKeyManager(X509ExtendedKeyManager server, ValidationCertificates validations) {
        this.server = server;
        this.validations = validations;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (engine == null || !AcmeTlsAlpn.negotiated(engine)) {
            return server.chooseEngineServerAlias(keyType, issuers, engine);
        }
        Optional<ValidationCertificates.Validation> validation = sniName(engine.getHandshakeSession())
                .flatMap(validations::forName)
                .filter(v -> v.key().getAlgorithm().equals(keyType));
        return validation.map(this::remember).orElse(null);
    }

    private static Optional<String> sniName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        List<SNIServerName> names = extended.getRequestedServerNames();
        return names.stream().filter(n -> n.getType() == StandardConstants.SNI_HOST_NAME)
                .map(n -> n instanceof SNIHostName host ? host.getAsciiName() : null)
                .findFirst();
    }

    private synchronized String remember(ValidationCertificates.Validation validation) {
        String alias = PREFIX + next++;
        chosen.put(alias, validation);
        return alias;
    }

    private synchronized Optional<ValidationCertificates.Validation> of(String alias) {
        return Optional.ofNullable(chosen.get(alias));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        if (alias != null && alias.startsWith(PREFIX)) {
            return of(alias).map(v -> new X509Certificate[] {v.certificate()}).orElse(null);
        }
        return server.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        if (alias != null && alias.startsWith(PREFIX)) {
            return of(alias).map(ValidationCertificates.Validation::key).orElse(null);
        }
        return server.getPrivateKey(alias);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return server.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return server.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return server.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return server.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return server.chooseEngineClientAlias(keyType, issuers, engine);
    }
}
