package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting the SMTP server reads from {@code control/}, with the value in effect (from the file or the
 * default) and, in {@code sources}, where each came from. Made by {@link #make} from the control-file table;
 * smtpd holds it as a {@link Live} value and asks for it at every connection, so an edit applies to the next
 * session (listen addresses excepted: they are bound at start).
 *
 * @param me                  this host's name ({@code control/me}); used in replies and Received lines
 * @param greeting            the text after {@code 220} ({@code control/smtpgreeting}, default {@code me})
 * @param rcpthosts           domains we accept mail for ({@code rcpthosts} + {@code morercpthosts}),
 *                            lower-cased, without trailing dot; see {@link #acceptsDomain}
 * @param databytes           largest message in bytes, 0 = no limit ({@code control/databytes})
 * @param badmailfrom         refused envelope senders
 * @param badrcptto           refused envelope recipients
 * @param timeoutSmtpd        how long to wait for the client ({@code control/timeoutsmtpd})
 * @param listenSmtp          where to listen ({@code control/listen-smtp})
 * @param maxConnections      simultaneous connections ({@code control/concurrencyincoming}, tcpserver -c)
 * @param maxConnectionsPerIp simultaneous connections per client address ({@code control/concurrencyperip})
 * @param maxRecipients       recipients per message ({@code control/maxrcpt})
 * @param rules               per-source rules ({@code control/tcp.smtp})
 * @param proxyFrom           the proxies whose PROXY protocol header names the client ({@code control/proxyfrom})
 * @param authMechanisms      the SASL mechanisms SMTP AUTH offers, in EHLO's order ({@code control/smtpauthmechs};
 *                            CRAM-MD5 only when listed there)
 * @param sources             where each setting came from, by setting name (the control file's name):
 *                            the file's path; a name that is absent means the built-in default
 */
public record SmtpConfig(
        String me,
        String greeting,
        Set<String> rcpthosts,
        long databytes,
        BadAddresses badmailfrom,
        BadAddresses badrcptto,
        Duration timeoutSmtpd,
        List<InetSocketAddress> listenSmtp,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxRecipients,
        TcpRules rules,
        ProxySources proxyFrom,
        List<String> authMechanisms,
        Map<String, String> sources) {

    /** One line of {@code toaster showconfig}: a setting, its effective value, and its file or "default". */
    public record Setting(String name, String value, String source) {
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    public SmtpConfig {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(greeting, "greeting");
        rcpthosts = rcpthosts.stream().map(SmtpConfig::normalizeDomain).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(badmailfrom, "badmailfrom");
        Objects.requireNonNull(badrcptto, "badrcptto");
        Objects.requireNonNull(timeoutSmtpd, "timeoutSmtpd");
        listenSmtp = List.copyOf(listenSmtp);
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(proxyFrom, "proxyFrom");
        authMechanisms = List.copyOf(authMechanisms);
        sources = Map.copyOf(sources);
        if (databytes < 0 || maxConnections < 1 || maxConnectionsPerIp < 1 || maxRecipients < 1
                || timeoutSmtpd.isNegative() || timeoutSmtpd.isZero()) {
            throw new IllegalArgumentException("limits must be positive (databytes may be 0): " + databytes + ", "
                    + maxConnections + ", " + maxConnectionsPerIp + ", " + maxRecipients + ", " + timeoutSmtpd);
        }
    }

    /**
     * Reads every control file in {@code controlDir} once. A missing file gives the documented default; a file
     * that exists but is unreadable or malformed is a {@link ConfigException} naming the file and line.
     */
    public static SmtpConfig load(Path controlDir) throws ConfigException {
        return make(Controls.once(controlDir));
    }

    /** Every default, as with an empty control directory, but with the given host name (for tests and tools). */
    public static SmtpConfig defaults(String me) {
        try {
            return make(Reads.given(Map.of(ControlFiles.ME, me)));
        } catch (ConfigException e) {
            throw new IllegalStateException("a default does not parse", e);
        }
    }

    /**
     * The settings as the files say. rcpthosts and morercpthosts make one set; missing both means no domain at
     * all: unlike qmail, which then relays for everyone, the toaster fails closed.
     */
    public static SmtpConfig make(Reads r) throws ConfigException {
        Set<String> rcpthosts = rcpthosts(r);
        Map<String, String> sources = new HashMap<>();
        for (Key<?> key : List.of(ControlFiles.ME, ControlFiles.SMTPGREETING, ControlFiles.DATABYTES,
                ControlFiles.BADMAILFROM, ControlFiles.BADRCPTTO, ControlFiles.TIMEOUTSMTPD, ControlFiles.LISTEN_SMTP,
                ControlFiles.CONCURRENCYINCOMING, ControlFiles.CONCURRENCYPERIP, ControlFiles.MAXRCPT,
                ControlFiles.TCP_SMTP, ControlFiles.PROXYFROM, ControlFiles.SMTPAUTHMECHS)) {
            if (!r.source(key).equals("default")) {
                sources.put(key.name(), r.source(key));
            }
        }
        List<String> rcpthostFiles = new ArrayList<>();
        for (Key<Set<String>> key : List.of(ControlFiles.RCPTHOSTS, ControlFiles.MORERCPTHOSTS)) {
            if (!r.source(key).equals("default")) {
                rcpthostFiles.add(r.source(key));
            }
        }
        if (!rcpthostFiles.isEmpty()) {
            sources.put("rcpthosts", String.join(" + ", rcpthostFiles));
        }
        return new SmtpConfig(r.get(ControlFiles.ME), r.get(ControlFiles.SMTPGREETING), rcpthosts,
                r.get(ControlFiles.DATABYTES), r.get(ControlFiles.BADMAILFROM), r.get(ControlFiles.BADRCPTTO),
                Duration.ofSeconds(r.get(ControlFiles.TIMEOUTSMTPD)), r.get(ControlFiles.LISTEN_SMTP),
                r.get(ControlFiles.CONCURRENCYINCOMING).intValue(), r.get(ControlFiles.CONCURRENCYPERIP).intValue(),
                r.get(ControlFiles.MAXRCPT).intValue(), r.get(ControlFiles.TCP_SMTP), r.get(ControlFiles.PROXYFROM),
                r.get(ControlFiles.SMTPAUTHMECHS), sources);
    }

    /** rcpthosts and morercpthosts as one set, for {@link #accepts}. */
    public static Set<String> rcpthosts(Reads r) throws ConfigException {
        Set<String> rcpthosts = new LinkedHashSet<>(r.get(ControlFiles.RCPTHOSTS));
        rcpthosts.addAll(r.get(ControlFiles.MORERCPTHOSTS));
        return rcpthosts;
    }

    /**
     * Whether mail for {@code domain} may be accepted from a client that may not relay, by qmail-smtpd's
     * {@code addrallowed}: an entry {@code example.com} matches that domain only; an entry starting with a dot,
     * {@code .example.com}, matches every domain ending in it (any subdomain, not example.com itself).
     * Case and one trailing dot are ignored. An empty {@link #rcpthosts} accepts nothing.
     */
    public boolean acceptsDomain(String domain) {
        return accepts(rcpthosts, domain);
    }

    /**
     * Whether {@code rcpthosts} (lower-case entries without a trailing dot, as the files are read) accepts
     * {@code domain}, by the rules of {@link #acceptsDomain}; for those who read the files without the rest of
     * the SMTP settings, such as the wiki server asking whether a domain is the toaster's.
     */
    public static boolean accepts(Set<String> rcpthosts, String domain) {
        String d = normalizeDomain(domain);
        if (d.isEmpty()) {
            return false;
        }
        if (rcpthosts.contains(d)) {
            return true;
        }
        for (int i = d.indexOf('.'); i >= 0; i = d.indexOf('.', i + 1)) {
            if (rcpthosts.contains(d.substring(i))) {
                return true;
            }
        }
        return false;
    }

    static String normalizeDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /** Every effective value and its source, in a fixed order, for {@code toaster showconfig}. */
    public List<Setting> describe() {
        List<Setting> out = new ArrayList<>();
        add(out, "me", me);
        add(out, "smtpgreeting", greeting);
        add(out, "rcpthosts", rcpthosts.isEmpty() ? "(none: mail for every domain is refused)" : sorted(rcpthosts));
        add(out, "databytes", databytes == 0 ? "0 (no limit)" : Long.toString(databytes));
        add(out, "badmailfrom", badmailfrom.isEmpty() ? "(none)" : sorted(badmailfrom.entries()));
        add(out, "badrcptto", badrcptto.isEmpty() ? "(none)" : sorted(badrcptto.entries()));
        add(out, "timeoutsmtpd", timeoutSmtpd.toSeconds() + " seconds");
        add(out, "listen-smtp", listenSmtp.stream().map(SmtpConfig::hostPort).collect(Collectors.joining("\n")));
        add(out, "concurrencyincoming", Integer.toString(maxConnections));
        add(out, "concurrencyperip", Integer.toString(maxConnectionsPerIp));
        add(out, "maxrcpt", Integer.toString(maxRecipients));
        add(out, "tcp.smtp", rules.isEmpty() ? "(no rules: every client allowed, no variables)"
                : String.join("\n", rules.lines()));
        add(out, "proxyfrom", proxyFrom.isEmpty() ? "(none: no PROXY protocol header is read)"
                : String.join("\n", proxyFrom.lines()));
        add(out, "smtpauthmechs", String.join(" ", authMechanisms));
        return List.copyOf(out);
    }

    private void add(List<Setting> out, String name, String value) {
        out.add(new Setting(name, value, sources.getOrDefault(name, "default")));
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining("\n"));
    }

    private static String hostPort(InetSocketAddress a) {
        String host = IpLiteral.text(a.getAddress().getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * An aligned table, one setting per line, with three columns: name, source, value. A multi-valued
     * setting (one value per line in its {@link Setting#value}) continues on the following lines, under its
     * first value, so that every value is shown and nothing is cut.
     */
    public static String render(List<Setting> settings) {
        int nameWidth = "SETTING".length();
        int sourceWidth = "SOURCE".length();
        for (Setting s : settings) {
            nameWidth = Math.max(nameWidth, s.name().length());
            sourceWidth = Math.max(sourceWidth, s.source().length());
        }
        String format = "%-" + nameWidth + "s  %-" + sourceWidth + "s  %s";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "SETTING", "SOURCE", "VALUE").stripTrailing()).append('\n');
        for (Setting s : settings) {
            String[] values = s.value().split("\n", -1);
            for (int i = 0; i < values.length; i++) {
                String line = i == 0 ? String.format(format, s.name(), s.source(), values[i])
                        : String.format(format, "", "", values[i]);
                out.append(line.stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }
}
