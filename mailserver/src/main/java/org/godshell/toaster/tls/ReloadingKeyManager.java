package org.godshell.toaster.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificates of a {@link TlsSource}, looked up again at each handshake. A handshake asks for an alias,
 * then for that alias's chain and key in separate calls; a reload between them must not pair one certificate with
 * another's key, so the alias names the generation it was chosen from ({@code 3/default}) and the chain and key
 * come from that generation. The generation before the current one is kept for handshakes under way.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private record Generation(long number, ServerTls tls) {
    }

    private final TlsSource source;
    private Generation current;
    private Generation previous;

    ReloadingKeyManager(TlsSource source) {
        this.source = source;
        this.current = new Generation(1, source.current());
        this.previous = current;
    }

    private synchronized Generation latest() {
        ServerTls now = source.current();
        if (now != current.tls()) {
            previous = current;
            current = new Generation(current.number() + 1, now);
        }
        return current;
    }

    private synchronized ServerTls of(String alias) {
        int slash = alias == null ? -1 : alias.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String number = alias.substring(0, slash);
        return number.equals(Long.toString(current.number())) ? current.tls()
                : number.equals(Long.toString(previous.number())) ? previous.tls() : null;
    }

    private static String name(String alias) {
        return alias.substring(alias.indexOf('/') + 1);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation generation = latest();
        String alias = generation.tls().keys().chooseEngineServerAlias(keyType, issuers, engine);
        return alias == null ? null : generation.number() + "/" + alias;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation generation = latest();
        String alias = generation.tls().keys().chooseServerAlias(keyType, issuers, socket);
        return alias == null ? null : generation.number() + "/" + alias;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerTls tls = of(alias);
        return tls == null ? null : tls.keys().getCertificateChain(name(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerTls tls = of(alias);
        return tls == null ? null : tls.keys().getPrivateKey(name(alias));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation generation = latest();
        String[] aliases = generation.tls().keys().getServerAliases(keyType, issuers);
        if (aliases == null) {
            return null;
        }
        String[] named = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            named[i] = generation.number() + "/" + aliases[i];
        }
        return named;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;                                                    // a server's key manager: never a client
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
