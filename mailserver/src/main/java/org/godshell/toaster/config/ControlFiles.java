package org.godshell.toaster.config;

import static org.godshell.toaster.config.Key.Effect.NEXT_CONNECTION;
import static org.godshell.toaster.config.Key.Effect.NEXT_DELIVERY;
import static org.godshell.toaster.config.Key.Effect.NEXT_HANDSHAKE;
import static org.godshell.toaster.config.Key.Effect.NEXT_LOGIN;
import static org.godshell.toaster.config.Key.Effect.NEXT_MESSAGE;
import static org.godshell.toaster.config.Key.Effect.NEXT_PUSH;
import static org.godshell.toaster.config.Key.Effect.NEXT_RCPT;
import static org.godshell.toaster.config.Key.Effect.RESTART;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.config.Key.Effect;
import org.godshell.toaster.config.Key.Kind;
import org.godshell.toaster.config.Key.Shape;
import org.godshell.toaster.config.Key.Use;
import org.godshell.toaster.logline.LogFormat;

/**
 * The table of every file in {@code control/}: one {@link Key} per file, with its type, parser, default, readers
 * and when an edit takes effect. Code reads a control file only through its key and {@link Controls}; the wiki's
 * Control files page is checked against this table, and {@code toaster showconfig} walks it. Adding a control
 * file is one row here and one {@code get} where it is used.
 */
public final class ControlFiles {

    /** The port of rspamd's normal worker when {@code control/rspamd} names none. */
    static final int RSPAMD_PORT = 11333;

    /** Every IPv4 address, port 25: what tcpserver is given in the qmail toasters' run scripts. */
    static final InetSocketAddress ANY_PORT_25 = new InetSocketAddress(Values.anyIpv4(), 25);

    public static final Key<String> ME = line("me", Kind.HOST, (f, l) -> Values.hostName(f, l.get(0)),
            r -> Values.localHostName(), "the host's own name", "one host name",
            List.of(smtpd(NEXT_CONNECTION), delivery(), pop3d(NEXT_CONNECTION), wiki(RESTART)));
    public static final Key<String> SMTPGREETING = line("smtpgreeting", Kind.TEXT,
            (f, l) -> Values.greeting(f, l.get(0)), r -> r.get(ME), "the value of me",
            "one line of printable ASCII, the text after 220", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Set<String>> RCPTHOSTS = list("rcpthosts", Kind.DOMAINS, ControlFiles::domains,
            r -> Set.of(), "nothing: mail for every domain is refused", "one domain a line; .domain for its subdomains",
            List.of(smtpd(NEXT_CONNECTION), wiki(NEXT_CONNECTION)));
    public static final Key<Set<String>> MORERCPTHOSTS = list("morercpthosts", Kind.DOMAINS, ControlFiles::domains,
            r -> Set.of(), "nothing: mail for every domain is refused", "as rcpthosts",
            List.of(smtpd(NEXT_CONNECTION), wiki(NEXT_CONNECTION)));
    public static final Key<Long> DATABYTES = line("databytes", Kind.BYTES, number("a number of bytes",
            "write a whole number such as 10485760 (0 = no limit)", 0, Long.MAX_VALUE), r -> 0L, "0 (no limit)",
            "a whole number of bytes", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<BadAddresses> BADMAILFROM = list("badmailfrom", Kind.ADDRESSES, BadAddresses::fromLines,
            r -> BadAddresses.none(), "empty", "one address or @domain a line", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<BadAddresses> BADRCPTTO = list("badrcptto", Kind.ADDRESSES, BadAddresses::fromLines,
            r -> BadAddresses.none(), "empty", "one address or @domain a line", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Long> TIMEOUTSMTPD = line("timeoutsmtpd", Kind.SECONDS, number("a number of seconds",
            "write a whole number of seconds such as 1200", 1, Integer.MAX_VALUE), r -> 1200L, "1200",
            "a whole number of seconds", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<List<InetSocketAddress>> LISTEN_SMTP = list("listen-smtp", Kind.LISTEN,
            ListenAddresses::parse, r -> List.of(ANY_PORT_25), "0.0.0.0:25", "one address:port a line, [IPv6]:port",
            List.of(smtpd(RESTART)));
    public static final Key<Long> CONCURRENCYINCOMING = line("concurrencyincoming", Kind.NUMBER,
            number("a number of connections", "write a whole number such as 10000", 1, Integer.MAX_VALUE),
            r -> 10_000L, "10000", "a whole number of connections", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Long> CONCURRENCYPERIP = line("concurrencyperip", Kind.NUMBER,
            number("a number of connections", "write a whole number such as 100", 1, Integer.MAX_VALUE), r -> 100L,
            "100", "a whole number of connections", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Long> MAXRCPT = line("maxrcpt", Kind.NUMBER, number("a number of recipients",
            "write a whole number such as 1000", 1, Integer.MAX_VALUE), r -> 1000L, "1000",
            "a whole number of recipients", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<TcpRules> TCP_SMTP = list("tcp.smtp", Kind.RULES, TcpRules::fromLines,
            r -> TcpRules.allowAll(), "no rules: everyone allowed",
            "tcprules lines, address:allow,VAR=\"value\" or address:deny", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<ProxySources> PROXYFROM = list("proxyfrom", Kind.NETWORKS, ProxySources::fromLines,
            r -> ProxySources.none(), "none: no PROXY protocol",
            "one address or CIDR block a line: proxies whose PROXY header is believed",
            List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Void> SERVERCERT_PEM = own("servercert.pem", Kind.CERTIFICATE, "none: no STARTTLS",
            "PEM: the private key, then the certificate chain",
            List.of(smtpd(NEXT_HANDSHAKE), pop3d(NEXT_HANDSHAKE), wiki(NEXT_HANDSHAKE)));
    public static final Key<Void> SERVERCERTS = own("servercerts", Kind.CERTIFICATE, "none",
            "a directory of NAME.pem files as servercert.pem, chosen by SNI",
            List.of(smtpd(NEXT_HANDSHAKE), pop3d(NEXT_HANDSHAKE), wiki(NEXT_HANDSHAKE)));
    public static final Key<List<InetSocketAddress>> LISTEN_SUBMISSION = listen("listen-submission",
            "none: no submission port", "as listen-smtp", smtpd(RESTART), wiki(RESTART));
    public static final Key<List<String>> SMTPAUTHMECHS = list("smtpauthmechs", Kind.NAMES,
            AuthMechanisms::fromLines, r -> AuthMechanisms.DEFAULT, "PLAIN, LOGIN, SCRAM-SHA-256",
            "one SASL mechanism a line", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<List<InetSocketAddress>> LISTEN_SMTPS = listen("listen-smtps", "none: no SMTPS",
            "as listen-smtp", smtpd(RESTART), wiki(RESTART));
    public static final Key<List<InetSocketAddress>> LISTEN_POP3S = listen("listen-pop3s", "none: no POP3S",
            "as listen-smtp", pop3d(RESTART), wiki(RESTART));
    public static final Key<List<InetSocketAddress>> LISTEN_POP3 = listen("listen-pop3", "none: no plain POP3",
            "as listen-smtp", pop3d(RESTART), wiki(RESTART));
    public static final Key<List<InetSocketAddress>> LISTEN_HTTP = listen("listen-http", "none: no plain HTTP",
            "as listen-smtp", wiki(RESTART));
    public static final Key<List<InetSocketAddress>> LISTEN_HTTPS = listen("listen-https", "none: no HTTPS",
            "as listen-smtp", wiki(RESTART));
    public static final Key<Optional<String>> WIKIURL = line("wikiurl", Kind.URL,
            (f, l) -> Optional.of(Values.siteUrl(f, l.get(0))), r -> Optional.empty(),
            "https://ME/ with listen-https, else the first listen-http address",
            "one http:// or https:// URL: where people reach the wiki through another web server",
            List.of(wiki(RESTART)));
    public static final Key<WikiEditors> WIKIEDITORS = list("wikieditors", Kind.ADDRESSES, WikiEditors::parse,
            r -> WikiEditors.nobody(), "none: nobody may push", "one mail address a line, or *",
            List.of(wiki(NEXT_PUSH)));
    public static final Key<Long> TIMEOUTPOP3D = line("timeoutpop3d", Kind.SECONDS, number("a number of seconds",
            "write a whole number of seconds, at least 600 (RFC 1939 §3)", 600, Integer.MAX_VALUE), r -> 600L, "600",
            "a whole number of seconds, at least 600", List.of(pop3d(NEXT_CONNECTION)));
    public static final Key<Long> CONCURRENCYPOP3 = line("concurrencypop3", Kind.NUMBER,
            number("a number of connections", "write a whole number such as 1000", 1, Integer.MAX_VALUE),
            r -> 1000L, "1000", "a whole number of connections", List.of(pop3d(NEXT_CONNECTION)));
    public static final Key<Long> CONCURRENCYPOP3PERIP = line("concurrencypop3perip", Kind.NUMBER,
            number("a number of connections", "write a whole number such as 10", 1, Integer.MAX_VALUE), r -> 10L,
            "10", "a whole number of connections", List.of(pop3d(NEXT_CONNECTION)));
    public static final Key<Void> SMTPPLUGINS = own("smtpplugins", Kind.PLUGINS, "none: no plugins",
            "qmail-spp: [section] lines, then one plugin a line", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Long> SPPTIMEOUT = line("spptimeout", Kind.SECONDS, number("a timeout",
            "write whole seconds from 1 to 9999, such as 10", 1, 9999), r -> 10L, "10",
            "a whole number of seconds, 1 to 9999", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Void> VALIDRCPTTO = own("validrcptto", Kind.ADDRESSES,
            "none: only the virtual domains are checked", "one address or @domain a line", List.of(smtpd(NEXT_RCPT)));
    public static final Key<List<InetSocketAddress>> DNSSERVERS = list("dnsservers", Kind.NAMESERVERS,
            DnsServers::parse, r -> List.of(), "the host's resolvers (/etc/resolv.conf)",
            "one IP address[:port] a line", List.of(smtpd(NEXT_CONNECTION), delivery()));
    public static final Key<Long> QUEUELIFETIME = line("queuelifetime", Kind.SECONDS, number("a number of seconds",
            "write the seconds a message may wait, e.g. 604800 for a week", 1, 365L * 86_400), r -> 604_800L,
            "604800 (a week)", "a whole number of seconds", List.of(delivery()));
    public static final Key<Long> CONCURRENCYLOCAL = line("concurrencylocal", Kind.NUMBER,
            number("a number of deliveries", "write how many local deliveries may run at once, e.g. 10", 1, 1000),
            r -> 10L, "10", "a whole number of deliveries", List.of(delivery()));
    public static final Key<Long> CONCURRENCYREMOTE = line("concurrencyremote", Kind.NUMBER,
            number("a number of connections", "write how many remote deliveries may run at once, e.g. 20", 1, 1000),
            r -> 20L, "20", "a whole number of deliveries", List.of(delivery()));
    public static final Key<SmtpRoutes> SMTPROUTES = list("smtproutes", Kind.ROUTES, SmtpRoutes::parse,
            r -> SmtpRoutes.none(), "none: MX records for every domain", "domain:relay[:port] a line",
            List.of(delivery()));
    public static final Key<SmarthostAuth> SMARTHOSTAUTH = list("smarthostauth", Kind.LOGINS, SmarthostAuth::read,
            r -> SmarthostAuth.none(), "none: no AUTH to relays", "relay username password a line; mode 0600",
            List.of(delivery()));
    public static final Key<String> HELOHOST = line("helohost", Kind.HOST, (f, l) -> Values.heloHost(f, l.get(0)),
            r -> r.get(ME), "the value of me", "one host name", List.of(delivery()));
    public static final Key<Duration> TIMEOUTCONNECT = line("timeoutconnect", Kind.SECONDS, ControlFiles::seconds,
            r -> Duration.ofSeconds(60), "60", "a whole number of seconds", List.of(delivery()));
    public static final Key<Optional<Duration>> TIMEOUTREMOTE = line("timeoutremote", Kind.SECONDS,
            (f, l) -> Optional.of(seconds(f, l)), r -> Optional.empty(),
            "RFC 5321 §4.5.3.2 values (5 min, 10 min after the data)", "a whole number of seconds",
            List.of(delivery()));
    public static final Key<DmarcPolicy> DMARCPOLICY = line("dmarcpolicy", Kind.TEXT, (f, l) -> DmarcPolicy.parse(f, l.get(0)),
            r -> DmarcPolicy.ENFORCE, "enforce: p=reject refused with 550, p=quarantine filed in Junk",
            "enforce, junk or record", List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Set<String>> ARCSEALERS = list("arcsealers", Kind.DOMAINS, ControlFiles::hosts,
            r -> Set.of(), "none: ARC chains are recorded, never trusted",
            "one domain a line: sealers whose ARC chain may override a DMARC failure", List.of(smtpd(NEXT_CONNECTION)));
    /** rspamd's normal worker, which {@code builtin:rspamd} asks about each message (rspamd's default port). */
    public static final Key<SocketAddress> RSPAMD = line("rspamd", Kind.SOCKET,
            (f, l) -> ScannerAddress.parse(f, l, RSPAMD_PORT), r -> ScannerAddress.loopback(RSPAMD_PORT),
            "127.0.0.1:11333", "one IP address[:port] ([IPv6]:port) or the absolute path of a unix socket",
            List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<Void> PUBLICSUFFIXLIST = own("publicsuffixlist", Kind.DOMAINS,
            "the list shipped with the toaster", "Mozilla's public_suffix_list.dat as published",
            List.of(smtpd(NEXT_CONNECTION)));
    public static final Key<SocketAddress> CLAMD = line("clamd", Kind.SOCKET, ClamdAddress::parse,
            r -> ClamdAddress.DEFAULT, "/var/run/clamav/clamd.ctl (Debian's clamd)",
            "clamd's unix socket path, or address:port of its TCP socket", List.of(smtpd(NEXT_MESSAGE)));
    /** Extra trust anchors for MTA-STS (RFC 8461 §3.3, §4.2): a private PKI's or a lab's authorities. */
    public static final Key<List<X509Certificate>> MTASTSTRUST = list("mtaststrust", Kind.CERTIFICATE,
            TrustAnchors::parse, r -> List.of(), "none: the JDK's certificate authorities only",
            "PEM certificates of authorities trusted for MTA-STS besides the JDK's (a private PKI)",
            List.of(delivery()));
    /** DNSSEC trust anchors for DANE (RFC 7672 §2.1): IANA's root keys, unless a lab names its own. */
    public static final Key<org.godshell.toaster.dane.TrustAnchors> DNSSECTRUSTANCHORS = list("dnssectrustanchors",
            Kind.CERTIFICATE, org.godshell.toaster.dane.TrustAnchors::parse,
            r -> org.godshell.toaster.dane.TrustAnchors.root(), "IANA's root keys, built in",
            "DS or DNSKEY records, one a line, in zone-file syntax", List.of(delivery()));

    /** RFC 8461 §5: the mode of the policy the wiki server publishes for the toaster's domains. */
    public static final Key<StsMode> MTASTSMODE = line("mtastsmode", Kind.TEXT, (f, l) -> StsMode.parse(f, l.get(0)),
            r -> StsMode.TESTING, "testing: senders report, never refuse", "none, testing or enforce",
            List.of(wiki(NEXT_CONNECTION)));
    /** RFC 8461 §3.2: max_age is at most 31557600 seconds. */
    public static final Key<Long> MTASTSMAXAGE = line("mtastsmaxage", Kind.SECONDS, number("a number of seconds",
            "write whole seconds up to 31557600 (a year), such as 604800 for a week", 0, 31_557_600),
            r -> 604_800L, "604800 (a week)", "a whole number of seconds, at most 31557600",
            List.of(wiki(NEXT_CONNECTION)));
    public static final Key<List<String>> MTASTSMX = list("mtastsmx", Kind.DOMAINS, MxPatterns::parse,
            r -> List.of(), "none: only the host name of me", "one host name or *.domain a line",
            List.of(wiki(NEXT_CONNECTION)));

    /**
     * Whether a successful login rewrites a {@code {CRYPT}}, {@code {MD5-CRYPT}} or {@code {SHA256-CRYPT}} hash as
     * {@code {SHA512-CRYPT}} (users moved from another system); every daemon that checks passwords reads it.
     */
    public static final Key<Boolean> PASSWORDREHASH = line("passwordrehash", Kind.TEXT,
            (f, l) -> Values.yesOrNo(f, l.get(0)), r -> false, "no: old hashes stay as they are", "yes or no",
            List.of(smtpd(NEXT_LOGIN), pop3d(NEXT_LOGIN), wiki(NEXT_LOGIN)));
    /** Where the users live: the passwd files of this host, or a PostgreSQL database several hosts share. */
    public static final Key<UserDb> USERDB = line("userdb", Kind.URL, UserDb::parse, r -> new UserDb.Files(),
            "files: domains/DOMAIN/passwd and aliases on this host", "files, or postgresql://USER@HOST[:PORT]/DATABASE",
            List.of(smtpd(RESTART), pop3d(RESTART), wiki(RESTART)));
    public static final Key<Optional<String>> USERDBPASSWORD = line("userdbpassword", Kind.TEXT,
            UserDbPassword::read, r -> Optional.empty(), "none: the database asks for no password",
            "the database role's password, one line; mode 0600", List.of(smtpd(RESTART), pop3d(RESTART),
            wiki(RESTART)));
    /** How long a login may be answered from memory while the user database cannot be reached; 0: never. */
    public static final Key<Long> USERDBCACHE = line("userdbcache", Kind.SECONDS, number("a number of seconds",
            "write a whole number of seconds from 0 (no cache) to 86400, such as 300", 0, 86_400), r -> 0L,
            "0: while the database is down, logins fail", "a whole number of seconds, 0 to 86400",
            List.of(smtpd(RESTART), pop3d(RESTART), wiki(RESTART)));
    /** Where {@code toaster backup --scheduled} (the nightly timer) puts its archives; absent: PREFIX/backups. */
    public static final Key<Optional<java.nio.file.Path>> BACKUPDIR = line("backupdir", Kind.TEXT,
            ControlFiles::absolutePath, r -> Optional.empty(), "PREFIX/backups",
            "the absolute path of a directory of backup archives", List.of(backup()));
    /** The OpenPGP public key file the nightly backup encrypts to ({@code --encrypt-to}); absent: not encrypted. */
    public static final Key<Optional<java.nio.file.Path>> BACKUPENCRYPTTO = line("backupencryptto", Kind.TEXT,
            ControlFiles::absolutePath, r -> Optional.empty(), "none: archives are not encrypted",
            "the absolute path of an OpenPGP public key file", List.of(backup()));
    /** How many backup points the nightly backup keeps ({@code --keep}). */
    public static final Key<Long> BACKUPKEEP = line("backupkeep", Kind.NUMBER, number("a number of backups",
            "write a whole number from 1 to 1000", 1, 1000), r -> 7L, "7",
            "a whole number of backup points to keep, 1 to 1000", List.of(backup()));
    /** Where the daily {@code toaster stats --scheduled} (toaster-stats.timer) mails its report; absent: nowhere. */
    public static final Key<Optional<String>> STATSMAILTO = line("statsmailto", Kind.ADDRESSES, ReportAddress::parse,
            r -> Optional.empty(), "none: no daily report", "one mail address, such as postmaster@example.org",
            List.of(new Use("stats", Effect.NEXT_REPORT)));

    /** Where smtpd's Prometheus endpoint listens (the mailmetrics package); off loopback it needs a token and TLS. */
    public static final Key<Optional<InetSocketAddress>> LISTEN_METRICS = line("listen-metrics", Kind.LISTEN,
            MetricsListen::parse, r -> MetricsListen.loopback(MetricsListen.SMTPD_PORT), "127.0.0.1:9587",
            "off, or one address:port ([IPv6]:port)", List.of(smtpd(RESTART)));
    /** pop3d's endpoint, a process of its own with metrics of its own, which smtpd's page gathers on loopback. */
    public static final Key<Optional<InetSocketAddress>> LISTEN_METRICS_POP3D = line("listen-metrics-pop3d",
            Kind.LISTEN, MetricsListen::parse, r -> MetricsListen.loopback(MetricsListen.POP3D_PORT),
            "127.0.0.1:9588", "off, or one address:port ([IPv6]:port)", List.of(pop3d(RESTART), smtpd(RESTART)));
    /** The wiki server's endpoint ({@code toaster wiki serve}, the site's metrics package); smtpd's page gathers it. */
    public static final Key<Optional<InetSocketAddress>> LISTEN_METRICS_WIKI = line("listen-metrics-wiki",
            Kind.LISTEN, MetricsListen::parse, r -> MetricsListen.loopback(MetricsListen.WIKI_PORT),
            "127.0.0.1:9589", "off, or one address:port ([IPv6]:port)", List.of(wiki(RESTART), smtpd(RESTART)));
    /** The bearer token scrapers send (RFC 6750); required off loopback. */
    public static final Key<Optional<org.godshell.toaster.metrics.BearerToken>> METRICSTOKEN = line("metricstoken",
            Kind.TEXT, MetricsToken::read, r -> Optional.empty(), "none: loopback endpoints answer anyone local",
            "one token of 16 to 4096 characters (openssl rand -base64 32); mode 0600",
            List.of(smtpd(RESTART), pop3d(RESTART), wiki(RESTART)));

    /** How every daemon writes its log: the text lines of old, or one JSON object a line for log shippers. */
    public static final Key<LogFormat> LOGFORMAT = line("logformat", Kind.TEXT, ControlFiles::logFormat,
            r -> LogFormat.TEXT, "text: one line per event, as fail2ban reads it", "text or json",
            List.of(smtpd(RESTART), pop3d(RESTART), wiki(RESTART)));

    /** Every control file, in the order of the wiki's table. */
    public static final List<Key<?>> ALL = List.of(ME, SMTPGREETING, RCPTHOSTS, MORERCPTHOSTS, DATABYTES,
            BADMAILFROM, BADRCPTTO, TIMEOUTSMTPD, LISTEN_SMTP, CONCURRENCYINCOMING, CONCURRENCYPERIP, MAXRCPT,
            TCP_SMTP, PROXYFROM, SERVERCERT_PEM, SERVERCERTS, LISTEN_SUBMISSION, SMTPAUTHMECHS, LISTEN_SMTPS, LISTEN_POP3S,
            LISTEN_POP3, LISTEN_HTTP, LISTEN_HTTPS, WIKIURL, WIKIEDITORS, TIMEOUTPOP3D, CONCURRENCYPOP3,
            CONCURRENCYPOP3PERIP, SMTPPLUGINS, SPPTIMEOUT, VALIDRCPTTO, DNSSERVERS, QUEUELIFETIME, CONCURRENCYLOCAL,
            CONCURRENCYREMOTE, SMTPROUTES, SMARTHOSTAUTH, HELOHOST, TIMEOUTCONNECT, TIMEOUTREMOTE, DMARCPOLICY,
            ARCSEALERS, PUBLICSUFFIXLIST, CLAMD, RSPAMD, MTASTSTRUST, DNSSECTRUSTANCHORS, MTASTSMODE,
            MTASTSMAXAGE, MTASTSMX, PASSWORDREHASH, USERDB, USERDBPASSWORD, USERDBCACHE, BACKUPDIR, BACKUPKEEP,
            BACKUPENCRYPTTO, STATSMAILTO, LISTEN_METRICS, LISTEN_METRICS_POP3D, LISTEN_METRICS_WIKI, METRICSTOKEN,
            LOGFORMAT);

    /** The files of listen addresses, read once when their daemon starts, smtpd's first. */
    public static final List<Key<List<InetSocketAddress>>> LISTEN = List.of(LISTEN_SMTP, LISTEN_SUBMISSION,
            LISTEN_SMTPS, LISTEN_POP3, LISTEN_POP3S, LISTEN_HTTP, LISTEN_HTTPS);

    /** The longest qmail-remote timeout we accept: a day. */
    static final int MAX_REMOTE_SECONDS = 86_400;

    private ControlFiles() {
    }

    /** The key of a file name, if the toaster reads a file of that name. */
    public static Optional<Key<?>> find(String name) {
        return ALL.stream().<Key<?>>map(key -> key).filter(key -> key.name().equals(name)).findFirst();
    }

    /**
     * For {@code toaster showconfig}: a line for every control file that the settings already shown do not
     * cover, saying whether it is there (and then, since its value belongs to another daemon's reader, only its
     * path) or which default applies.
     */
    public static List<SmtpConfig.Setting> describeOthers(Reads r, Set<String> shown) {
        List<SmtpConfig.Setting> out = new ArrayList<>();
        for (Key<?> key : ALL) {
            if (!shown.contains(key.name())) {
                String source = r.source(key);
                boolean present = !source.equals("default");
                out.add(new SmtpConfig.Setting(key.name(), present ? "(present: " + key.syntax() + ")"
                        : key.fallbackText(), source));
            }
        }
        return List.copyOf(out);
    }

    private static <T> Key<T> line(String name, Kind kind, Key.Parser<T> parser, Key.Fallback<T> fallback,
            String fallbackText, String syntax, List<Use> uses) {
        return new Key<>(name, kind, Shape.LINE, parser, fallback, fallbackText, syntax, uses);
    }

    private static <T> Key<T> list(String name, Kind kind, Key.Parser<T> parser, Key.Fallback<T> fallback,
            String fallbackText, String syntax, List<Use> uses) {
        return new Key<>(name, kind, Shape.LIST, parser, fallback, fallbackText, syntax, uses);
    }

    /** A listen file; the wiki reads those of the services mail clients are told about ({@link ClientPorts}). */
    private static Key<List<InetSocketAddress>> listen(String name, String fallbackText, String syntax,
            Use... uses) {
        return list(name, Kind.LISTEN, ListenAddresses::parse, r -> List.of(), fallbackText, syntax, List.of(uses));
    }

    /** A file with a reader of its own (certificates, plugin files), listed here for its documentation. */
    private static Key<Void> own(String name, Kind kind, String fallbackText, String syntax, List<Use> uses) {
        return new Key<>(name, kind, Shape.OWN, (f, l) -> {
            throw new IllegalStateException(f + " has a reader of its own");
        }, r -> null, fallbackText, syntax, uses);
    }

    private static Key.Parser<Long> number(String what, String fix, long min, long max) {
        return (f, l) -> Values.number(f, l.get(0), what, fix, min, max);
    }

    /**
     * rcpthosts and morercpthosts, both plain text here (qmail compiles morercpthosts into a cdb with
     * qmail-newmrh; we read the text).
     */
    private static Set<String> domains(java.nio.file.Path file, List<ControlFile.Line> lines) throws ConfigException {
        Set<String> domains = new LinkedHashSet<>();
        for (ControlFile.Line line : lines) {
            domains.add(Values.rcpthost(file, line));
        }
        return Set.copyOf(domains);
    }

    /** Host or domain names, one a line, in lower case. */
    private static Set<String> hosts(java.nio.file.Path file, List<ControlFile.Line> lines) throws ConfigException {
        Set<String> names = new LinkedHashSet<>();
        for (ControlFile.Line line : lines) {
            names.add(Values.hostName(file, line).toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(names);
    }

    private static Duration seconds(java.nio.file.Path file, List<ControlFile.Line> lines) throws ConfigException {
        return Duration.ofSeconds(Values.number(file, lines.get(0), "a number of seconds",
                "write a whole number of seconds from 1 to " + MAX_REMOTE_SECONDS, 1, MAX_REMOTE_SECONDS));
    }

    private static Use smtpd(Effect effect) {
        return new Use("smtpd", effect);
    }

    private static Use delivery() {
        return new Use("delivery", NEXT_DELIVERY);
    }

    private static Use pop3d(Effect effect) {
        return new Use("pop3d", effect);
    }

    private static Use wiki(Effect effect) {
        return new Use("wiki", effect);
    }

    private static Use backup() {
        return new Use("backup", Effect.NEXT_BACKUP);
    }

    private static LogFormat logFormat(java.nio.file.Path file, List<ControlFile.Line> lines) throws ConfigException {
        String word = lines.get(0).text().strip();
        return LogFormat.of(word).orElseThrow(() -> new ConfigException(file, lines.get(0).number(), "\""
                + IpPort.shown(word) + "\" is not a log format: write text (the default) or json"));
    }

    /** An absolute path without control characters: where a command writes, named by the admin. */
    private static Optional<java.nio.file.Path> absolutePath(java.nio.file.Path file, List<ControlFile.Line> lines)
            throws ConfigException {
        String text = lines.get(0).text().strip();
        if (!text.startsWith("/") || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || text.length() > 4096) {
            throw new ConfigException(file, lines.get(0).number(), "is not an absolute path; write one, such as "
                    + "/var/backups/toaster");
        }
        return Optional.of(java.nio.file.Path.of(text).normalize());
    }
}
