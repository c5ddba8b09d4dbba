package org.godshell.toaster.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;

/**
 * The server side of TLS: one {@link SSLContext} made from the server certificate, and the upgrade of an open
 * connection after STARTTLS (RFC 3207 §4).
 *
 * <p>TLS 1.3 and 1.2 only (RFC 8996 retired the older ones). Cipher suites: the JDK's TLS 1.3 suites, and for
 * TLS 1.2 only ECDHE key exchange with AEAD ciphers (AES-GCM, ChaCha20-Poly1305), the choice of RFC 7525bis /
 * BSI TR-02102 for interoperable forward secrecy. Mail clients too old for these fall back to plain SMTP, which
 * opportunistic TLS allows (RFC 3207 §4: the server may not require TLS on port 25).
 *
 * <p>A client may not renegotiate a TLS 1.2 connection (TLS 1.3 has no renegotiation): each full handshake
 * costs the server a private-key operation, so a client renegotiating in a loop exhausts the CPU, and no mail or
 * web client needs it. The server itself never renegotiates.
 */
public final class ServerTls {

    static {
        // The JDK reads this switch once, when the first server handshake loads its handshake code. Every server
        // TLS context of the toaster (mail daemons, the wiki's HTTPS) is made here or by TlsSource after this
        // class is loaded, so setting it here comes first in every process, tests included.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final SniKeyManager keys;
    private final String[] suites;

    private ServerTls(SSLContext context, SniKeyManager keys) {
        this.context = context;
        this.keys = keys;
        this.suites = cipherSuites(context).toArray(String[]::new);
    }

    /** The TLS versions of every server port, for a server that runs its own TLS engine (the wiki's Jetty). */
    public static List<String> protocols() {
        return List.of(PROTOCOLS);
    }

    /** The suites of {@code context} that a server port offers ({@link #modern}), in the JDK's order. */
    public static List<String> cipherSuites(SSLContext context) {
        return Arrays.stream(context.getSupportedSSLParameters().getCipherSuites()).filter(ServerTls::modern).toList();
    }

    public static ServerTls of(ServerCertificate certificate) throws GeneralSecurityException {
        return of(Map.of(SniKeyManager.DEFAULT, certificate));
    }

    /** Certificates by alias, tried in order for SNI; {@code "default"} when the client names no known host. */
    static ServerTls of(Map<String, ServerCertificate> certificates) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        SniKeyManager keys = new SniKeyManager(certificates);
        context.init(new KeyManager[] {keys}, null, null);
        return new ServerTls(context, keys);
    }

    /**
     * The TLS of the installation whose control directory is {@code control}: {@code servercert.pem}, the
     * default, and every {@code servercerts/*.pem} for SNI (in name order); empty when there is no
     * {@code servercert.pem} (then STARTTLS is not offered).
     */
    public static Optional<ServerTls> fromControl(Path control) throws ConfigException {
        Path file = control.resolve(ControlFiles.SERVERCERT_PEM.name());
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, ServerCertificate> certificates = new LinkedHashMap<>();
        Path more = control.resolve(ControlFiles.SERVERCERTS.name());
        if (Files.isDirectory(more)) {
            try (Stream<Path> files = Files.list(more)) {
                for (Path pem : files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                    certificates.put(pem.getFileName().toString(), ServerCertificate.read(pem));
                }
            } catch (IOException e) {
                throw new ConfigException(more, 0, "cannot be listed: " + e.getMessage(), e);
            }
        }
        certificates.put(SniKeyManager.DEFAULT, ServerCertificate.read(file));
        try {
            return Optional.of(of(certificates));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(file, 0, "cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /** The context, for servers that run their own TLS engine (the wiki's web server). */
    public SSLContext context() {
        return context;
    }

    /**
     * The first certificate of each served chain, by alias: {@code default} for servercert.pem, the file name for
     * each servercerts/ file (names the admin chose), for the metrics' expiry gauges.
     */
    public Map<String, X509Certificate> served() {
        Map<String, X509Certificate> served = new LinkedHashMap<>();
        keys.certificates().forEach((alias, certificate) -> served.put(alias, certificate.chain().get(0)));
        return served;
    }

    SniKeyManager keys() {
        return keys;
    }

    static boolean modern(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;                                                // TLS 1.3: all AEAD, all forward secret
        }
        return suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"));
    }

    List<String> cipherSuites() {
        return List.of(suites);
    }

    /**
     * Turns the plain connection into the server end of a TLS one and completes the handshake. Nothing read
     * from the plain connection is handed over: what a client pipelined after STARTTLS is dropped by the caller
     * (RFC 3207 §6, CVE-2011-0411).
     */
    public SSLSocket upgrade(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(PROTOCOLS);
        tls.setEnabledCipherSuites(suites);
        tls.startHandshake();
        return tls;
    }
}
