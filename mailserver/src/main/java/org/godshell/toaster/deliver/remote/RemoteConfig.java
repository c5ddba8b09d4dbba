package org.godshell.toaster.deliver.remote;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.config.SmarthostAuth;
import org.godshell.toaster.config.SmtpRoutes;
import org.godshell.toaster.dane.TrustAnchors;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.mtasts.WebPki;
import org.godshell.toaster.smtpc.ClientTimeouts;

/**
 * Everything remote delivery needs to know.
 *
 * @param dns        the nameservers for MX and address lookups
 * @param dnsTimeout the bound of one DNS question
 * @param routes     {@code control/smtproutes}
 * @param auth       {@code control/smarthostauth}: logins for smtproutes relays
 * @param helo       the name we give in EHLO/HELO: {@code control/helohost}, else {@code control/me}
 * @param timeouts   RFC 5321 §4.5.3.2 timeouts
 * @param startTls   use STARTTLS whenever offered (RFC 3207, opportunistic); false only to debug a host
 * @param mxPort     the port of MX hosts, 25. Not a control file: a test or lab setting, for MX hosts on
 *                   loopback; smtproutes relays name their own port
 * @param webPki     the authorities MTA-STS trusts: the JDK's and {@code control/mtaststrust}
 * @param dnssec     the keys DANE's DNSSEC validation starts from: IANA's root keys, or
 *                   {@code control/dnssectrustanchors}
 */
public record RemoteConfig(Dns dns, Duration dnsTimeout, SmtpRoutes routes, SmarthostAuth auth, String helo,
                           ClientTimeouts timeouts, boolean startTls, int mxPort, WebPki webPki,
                           TrustAnchors dnssec) {

    public RemoteConfig {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(dnsTimeout, "dnsTimeout");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(webPki, "webPki");
        Objects.requireNonNull(dnssec, "dnssec");
        if (!helo.matches("[A-Za-z0-9_.-]{1,253}|\\[[0-9A-Fa-f:.Iv]{2,60}]")) {
            throw new IllegalArgumentException("not a host name to give in EHLO: " + helo);
        }
        if (mxPort < 1 || mxPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + mxPort);
        }
    }

    /** The JDK's authorities only, and IANA's root keys. */
    public RemoteConfig(Dns dns, Duration dnsTimeout, SmtpRoutes routes, SmarthostAuth auth, String helo,
                        ClientTimeouts timeouts, boolean startTls, int mxPort) {
        this(dns, dnsTimeout, routes, auth, helo, timeouts, startTls, mxPort, WebPki.jdk(), TrustAnchors.root());
    }

    /** No routes, no logins, RFC timeouts, STARTTLS on, port 25. */
    public static RemoteConfig defaults(Dns dns, String helo) {
        return new RemoteConfig(dns, Duration.ofSeconds(30), SmtpRoutes.none(), SmarthostAuth.none(), helo,
                ClientTimeouts.rfc5321(), true, 25);
    }

    /**
     * From the control files: {@code smtproutes}, {@code smarthostauth}, {@code helohost} (default {@code me}),
     * {@code dnsservers}, and qmail-remote's {@code timeoutconnect} and {@code timeoutremote} (seconds; the
     * latter, when present, replaces every reply timeout as in qmail), and {@code mtaststrust} (extra MTA-STS
     * trust anchors) and {@code dnssectrustanchors} (DANE's).
     */
    public static RemoteConfig make(Reads r) throws ConfigException {
        ClientTimeouts rfc = ClientTimeouts.rfc5321();
        Duration connect = r.get(ControlFiles.TIMEOUTCONNECT);
        ClientTimeouts timeouts = r.get(ControlFiles.TIMEOUTREMOTE).map(all -> ClientTimeouts.all(connect, all))
                .orElse(new ClientTimeouts(connect, rfc.greeting(), rfc.command(), rfc.dataStart(), rfc.dataBlock(),
                        rfc.dataEnd(), rfc.quit()));
        List<X509Certificate> anchors = r.get(ControlFiles.MTASTSTRUST);
        return new RemoteConfig(Dns.of(r.get(ControlFiles.DNSSERVERS)), Duration.ofSeconds(30),
                r.get(ControlFiles.SMTPROUTES), r.get(ControlFiles.SMARTHOSTAUTH), r.get(ControlFiles.HELOHOST),
                timeouts, true, 25, anchors.isEmpty() ? WebPki.jdk() : WebPki.withAnchors(anchors),
                r.get(ControlFiles.DNSSECTRUSTANCHORS));
    }

    /** A copy that trusts {@code trust} for MTA-STS (tests: a test CA). */
    public RemoteConfig withWebPki(WebPki trust) {
        return new RemoteConfig(dns, dnsTimeout, routes, auth, helo, timeouts, startTls, mxPort, trust, dnssec);
    }

    /** A copy whose DNSSEC validation starts from {@code anchors} (tests: a signed fixture zone's key). */
    public RemoteConfig withDnssec(TrustAnchors anchors) {
        return new RemoteConfig(dns, dnsTimeout, routes, auth, helo, timeouts, startTls, mxPort, webPki, anchors);
    }

    /** A copy that connects to MX hosts on {@code port} (tests: a sink on loopback). */
    public RemoteConfig withMxPort(int port) {
        return new RemoteConfig(dns, dnsTimeout, routes, auth, helo, timeouts, startTls, port, webPki, dnssec);
    }
}
