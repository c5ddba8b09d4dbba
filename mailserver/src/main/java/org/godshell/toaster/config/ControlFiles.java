package org.godshell.toaster.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of every file in {@code control/} that the toaster reads, with the default a missing file means
 * and its syntax in one line. The readers stay where they are (each next to the code that needs the value); this
 * list is what {@code toaster showconfig} walks to show the files it has no value of its own for, and what the
 * tests hold both the readers (a scan of the sources) and the wiki's "Control files" page against, so a file
 * cannot be added, renamed or dropped without the documentation following.
 */
public final class ControlFiles {

    /**
     * One control file.
     *
     * @param name     its name in {@code control/} ({@code servercerts} is a directory of {@code *.pem} files)
     * @param fallback what a missing file means, as the documentation says it
     * @param syntax   what the file holds, in one line
     */
    public record Entry(String name, String fallback, String syntax) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(syntax, "syntax");
            if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
                throw new IllegalArgumentException("not a control file name: " + name);
            }
        }
    }

    /** Every control file, in the order of the wiki's table. */
    public static final List<Entry> ALL = List.of(
            new Entry("me", "the host's own name", "one host name"),
            new Entry("smtpgreeting", "the value of me", "one line of printable ASCII, the text after 220"),
            new Entry("rcpthosts", "nothing: mail for every domain is refused",
                    "one domain a line; .domain for its subdomains"),
            new Entry("morercpthosts", "nothing: mail for every domain is refused", "as rcpthosts"),
            new Entry("databytes", "0 (no limit)", "a whole number of bytes"),
            new Entry("badmailfrom", "empty", "one address or @domain a line"),
            new Entry("badrcptto", "empty", "one address or @domain a line"),
            new Entry("timeoutsmtpd", "1200", "a whole number of seconds"),
            new Entry("listen-smtp", "0.0.0.0:25", "one address:port a line, [IPv6]:port"),
            new Entry("concurrencyincoming", "40", "a whole number of connections"),
            new Entry("concurrencyperip", "10", "a whole number of connections"),
            new Entry("maxrcpt", "1000", "a whole number of recipients"),
            new Entry("tcp.smtp", "no rules: everyone allowed",
                    "tcprules lines, address:allow,VAR=\"value\" or address:deny"),
            new Entry("servercert.pem", "none: no STARTTLS", "PEM: the private key, then the certificate chain"),
            new Entry("servercerts", "none", "a directory of NAME.pem files as servercert.pem, chosen by SNI"),
            new Entry("listen-submission", "none: no submission port", "as listen-smtp"),
            new Entry("smtpauthmechs", "PLAIN, LOGIN, SCRAM-SHA-256", "one SASL mechanism a line"),
            new Entry("listen-smtps", "none: no SMTPS", "as listen-smtp"),
            new Entry("listen-pop3s", "none: no POP3S", "as listen-smtp"),
            new Entry("listen-pop3", "none: no plain POP3", "as listen-smtp"),
            new Entry("listen-http", "none: no plain HTTP", "as listen-smtp"),
            new Entry("listen-https", "none: no HTTPS", "as listen-smtp"),
            new Entry("wikiurl", "https://ME/ with listen-https, else the first listen-http address",
                    "one http:// or https:// URL: where people reach the wiki through another web server"),
            new Entry("wikieditors", "none: nobody may push", "one mail address a line, or *"),
            new Entry("timeoutpop3d", "600", "a whole number of seconds, at least 600"),
            new Entry("concurrencypop3", "40", "a whole number of connections"),
            new Entry("concurrencypop3perip", "10", "a whole number of connections"),
            new Entry("smtpplugins", "none: no plugins", "qmail-spp: [section] lines, then one plugin a line"),
            new Entry("spptimeout", "10", "a whole number of seconds, 1 to 9999"),
            new Entry("validrcptto", "none: only the virtual domains are checked", "one address or @domain a line"),
            new Entry("dnsservers", "the host's resolvers (/etc/resolv.conf)", "one IP address[:port] a line"),
            new Entry("queuelifetime", "604800 (a week)", "a whole number of seconds"),
            new Entry("concurrencylocal", "10", "a whole number of deliveries"),
            new Entry("concurrencyremote", "20", "a whole number of deliveries"),
            new Entry("smtproutes", "none: MX records for every domain", "domain:relay[:port] a line"),
            new Entry("smarthostauth", "none: no AUTH to relays", "relay username password a line; mode 0600"),
            new Entry("helohost", "the value of me", "one host name"),
            new Entry("timeoutconnect", "60", "a whole number of seconds"),
            new Entry("timeoutremote", "RFC 5321 §4.5.3.2 values (5 min, 10 min after the data)",
                    "a whole number of seconds"));

    private ControlFiles() {
    }

    /** The entry of a file name, if the toaster reads a file of that name. */
    public static Optional<Entry> find(String name) {
        return ALL.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /**
     * For {@code toaster showconfig}: a line for every control file that the settings already shown do not
     * cover, saying whether it is there (and then, since its value belongs to another daemon's reader, only its
     * path) or which default applies.
     */
    public static List<SmtpConfig.Setting> describeOthers(Path control, Set<String> shown) {
        List<SmtpConfig.Setting> out = new ArrayList<>();
        for (Entry entry : ALL) {
            if (shown.contains(entry.name())) {
                continue;
            }
            Path file = control.resolve(entry.name());
            boolean present = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            out.add(new SmtpConfig.Setting(entry.name(),
                    present ? "(present: " + entry.syntax() + ")" : entry.fallback(),
                    present ? file.toString() : "default"));
        }
        return List.copyOf(out);
    }
}
