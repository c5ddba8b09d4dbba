package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Reads each control file of {@link SmtpConfig}, applies its default when missing, and records the source. */
final class SmtpConfigLoader {

    /** qmail-smtpd's default {@code timeout} (seconds). */
    static final long DEFAULT_TIMEOUT_SECONDS = 1200;
    /** tcpserver's default {@code -c 40}, which the qmail toasters' run scripts also use. */
    static final int DEFAULT_MAX_CONNECTIONS = 40;
    static final int DEFAULT_MAX_PER_IP = 10;
    /** Far above RFC 5321 §4.5.3.1.8's minimum of 100, far below "thousands" from a spammer. */
    static final int DEFAULT_MAX_RECIPIENTS = 1000;
    /** Every IPv4 address, port 25: what tcpserver is given in the toasters' run scripts. */
    static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress(anyIpv4(), 25);

    private final Path dir;
    private final Map<String, String> sources = new HashMap<>();

    private SmtpConfigLoader(Path dir) {
        this.dir = dir;
    }

    static SmtpConfig load(Path dir, Supplier<String> defaultMe) throws ConfigException {
        return new SmtpConfigLoader(dir).load(defaultMe);
    }

    private SmtpConfig load(Supplier<String> defaultMe) throws ConfigException {
        Optional<ControlFile.Line> meLine = single("me");
        String me = meLine.isPresent() ? Values.hostName(file("me"), meLine.get()) : defaultMe.get();
        Optional<ControlFile.Line> greetingLine = single("smtpgreeting");
        String greeting = greetingLine.isPresent() ? Values.greeting(file("smtpgreeting"), greetingLine.get()) : me;
        Set<String> rcpthosts = rcpthosts();
        long databytes = number("databytes", "a number of bytes",
                "write a whole number such as 10485760 (0 = no limit)", 0, Long.MAX_VALUE, 0);
        BadAddresses badmailfrom = BadAddresses.fromLines(file("badmailfrom"), list("badmailfrom").orElse(List.of()));
        BadAddresses badrcptto = BadAddresses.fromLines(file("badrcptto"), list("badrcptto").orElse(List.of()));
        long timeout = number("timeoutsmtpd", "a number of seconds", "write a whole number of seconds such as 1200",
                1, Integer.MAX_VALUE, DEFAULT_TIMEOUT_SECONDS);
        Optional<List<ControlFile.Line>> listen = list("listen-smtp");
        List<InetSocketAddress> listenSmtp = listen.isPresent()
                ? ListenAddresses.parse(file("listen-smtp"), listen.get()) : List.of(DEFAULT_LISTEN);
        int maxConnections = (int) number("concurrencyincoming", "a number of connections",
                "write a whole number such as 40", 1, Integer.MAX_VALUE, DEFAULT_MAX_CONNECTIONS);
        int maxPerIp = (int) number("concurrencyperip", "a number of connections",
                "write a whole number such as 10", 1, Integer.MAX_VALUE, DEFAULT_MAX_PER_IP);
        int maxRecipients = (int) number("maxrcpt", "a number of recipients",
                "write a whole number such as 1000", 1, Integer.MAX_VALUE, DEFAULT_MAX_RECIPIENTS);
        Optional<List<ControlFile.Line>> tcp = list("tcp.smtp");
        TcpRules rules = tcp.isPresent() ? TcpRules.fromLines(file("tcp.smtp"), tcp.get()) : TcpRules.allowAll();
        Optional<List<ControlFile.Line>> mechs = list("smtpauthmechs");
        List<String> authMechanisms = mechs.isPresent()
                ? AuthMechanisms.fromLines(file("smtpauthmechs"), mechs.get()) : AuthMechanisms.DEFAULT;
        return new SmtpConfig(me, greeting, rcpthosts, databytes, badmailfrom, badrcptto,
                Duration.ofSeconds(timeout), listenSmtp, maxConnections, maxPerIp, maxRecipients, rules,
                authMechanisms, sources);
    }

    /**
     * rcpthosts and morercpthosts, both plain text here (qmail compiles morercpthosts into a cdb with
     * qmail-newmrh; we read the text). Missing both means no domain at all: unlike qmail, which then relays
     * for everyone, the toaster fails closed.
     */
    private Set<String> rcpthosts() throws ConfigException {
        Set<String> domains = new LinkedHashSet<>();
        List<String> from = new ArrayList<>();
        for (String name : List.of("rcpthosts", "morercpthosts")) {
            Optional<List<ControlFile.Line>> lines = ControlFile.list(file(name));
            if (lines.isPresent()) {
                from.add(file(name).toString());
                for (ControlFile.Line line : lines.get()) {
                    domains.add(Values.rcpthost(file(name), line));
                }
            }
        }
        if (!from.isEmpty()) {
            sources.put("rcpthosts", String.join(" + ", from));
        }
        return domains;
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private Optional<ControlFile.Line> single(String name) throws ConfigException {
        Optional<ControlFile.Line> line = ControlFile.firstLine(file(name));
        line.ifPresent(l -> sources.put(name, file(name).toString()));
        return line;
    }

    private Optional<List<ControlFile.Line>> list(String name) throws ConfigException {
        Optional<List<ControlFile.Line>> lines = ControlFile.list(file(name));
        lines.ifPresent(l -> sources.put(name, file(name).toString()));
        return lines;
    }

    private long number(String name, String what, String fix, long min, long max, long fallback)
            throws ConfigException {
        Optional<ControlFile.Line> line = single(name);
        return line.isPresent() ? Values.number(file(name), line.get(), what, fix, min, max) : fallback;
    }

    /** The host's own name, qmail's {@code config-fast} guess; "localhost" when the host cannot say. */
    static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            return Values.isHostName(name) ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
