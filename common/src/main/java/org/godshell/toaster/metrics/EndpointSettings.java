package org.godshell.toaster.metrics;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a daemon's endpoint listens and how it is guarded. On a loopback address only the host's own users can
 * connect, so the token is optional there and TLS is not used; anywhere else both are required (fail closed):
 * without TLS the token would cross the network in clear, and without a token anyone who reaches the port reads
 * the server's traffic figures.
 *
 * @param daemon  who serves it ({@code smtpd}, {@code pop3d}), for the messages
 * @param address where to listen
 * @param token   what a scraper must send; required off loopback
 * @param tls     the server's certificate; required off loopback, unused on it
 */
public record EndpointSettings(String daemon, InetSocketAddress address, Optional<BearerToken> token,
        Optional<TlsServer> tls) {

    public EndpointSettings {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
    }

    public boolean loopback() {
        return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    /** Whether the endpoint speaks TLS: off loopback it must, on loopback it does not. */
    public boolean usesTls() {
        return !loopback();
    }

    /**
     * Refuses settings that would expose the metrics: a non-loopback address without a token or without TLS.
     *
     * @param tokenSetting what the admin writes to give a token (the control file's path), for the message
     * @param tlsSetting   what the admin writes to give a certificate, for the message
     * @throws EndpointException naming the missing piece and the fix
     */
    public void check(String tokenSetting, String tlsSetting) throws EndpointException {
        if (loopback()) {
            return;
        }
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        if (token.isEmpty()) {
            throw new EndpointException(daemon + ": the metrics endpoint " + where + " is not on loopback, so it "
                    + "needs a bearer token, and there is no " + tokenSetting + "; write one (openssl rand -base64 "
                    + "32, mode 0600) or listen on 127.0.0.1 and let a local agent scrape it");
        }
        if (tls.isEmpty()) {
            throw new EndpointException(daemon + ": the metrics endpoint " + where + " is not on loopback, so it "
                    + "needs TLS, and there is no " + tlsSetting + "; make one with: toaster cert selfsigned --host "
                    + "HOST, or listen on 127.0.0.1");
        }
    }
}
