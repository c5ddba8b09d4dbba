package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code control/smarthostauth}, the toaster's own file: the user name and password to give a relay of
 * {@code control/smtproutes} with SMTP AUTH PLAIN (RFC 4954, RFC 4616). One {@code relay username password} per
 * line, separated by single spaces; {@code relay} is written as in smtproutes (a host name or an address
 * literal such as {@code [192.0.2.1]}); the password is the rest of the line and may contain spaces, but not
 * at its end (control files lose trailing whitespace).
 *
 * <p>It holds passwords, so it must be readable by its owner only: mode 0600 or 0400, checked before a byte is
 * read; anything wider is a {@link ConfigException} with the chmod that fixes it. A missing file means no AUTH.
 */
public final class SmarthostAuth {

    /** One relay's login; {@link #toString} never shows the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(hidden)]";
        }
    }

    static final String FORMAT = "write one \"relay username password\" per line, such as "
            + "\"smtp.example.net me@example.org s3cret\"";

    private final Map<String, Credentials> byRelay;

    private SmarthostAuth(Map<String, Credentials> byRelay) {
        this.byRelay = Map.copyOf(byRelay);
    }

    public static SmarthostAuth none() {
        return new SmarthostAuth(Map.of());
    }

    /** The file's logins, once only its owner may read it (checked after the read: see {@link Controls}). */
    static SmarthostAuth read(Path file, List<ControlFile.Line> lines) throws ConfigException {
        SecretFile.ownerOnly(file, "passwords");
        return parse(file, lines);
    }

    static SmarthostAuth parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        Map<String, Credentials> byRelay = new HashMap<>();
        Map<String, Integer> where = new HashMap<>();
        for (ControlFile.Line line : lines) {
            String text = line.text();
            if (text.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                throw new ConfigException(file, line.number(), "contains a tab or control character; " + FORMAT);
            }
            int first = text.indexOf(' ');
            int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
            if (second < 0 || first == 0 || second == first + 1 || second == text.length() - 1) {
                // Never echo the line: it may hold a password.
                throw new ConfigException(file, line.number(), "does not have three fields; " + FORMAT);
            }
            String relay = text.substring(0, first).toLowerCase(Locale.ROOT);
            boolean literal = relay.startsWith("[") && SmtpRoutes.addressLiteral(relay).isPresent();
            if (!literal && !Values.isHostName(relay)) {
                throw new ConfigException(file, line.number(), "\"" + relay + "\" is not a relay host name or "
                        + "address literal; " + FORMAT);
            }
            Integer before = where.putIfAbsent(relay, line.number());
            if (before != null) {
                throw new ConfigException(file, line.number(), "names " + relay + " again; line " + before
                        + " already does: keep one of the two lines");
            }
            byRelay.put(relay, new Credentials(text.substring(first + 1, second), text.substring(second + 1)));
        }
        return new SmarthostAuth(byRelay);
    }

    /** The login for {@code relay} as smtproutes writes it. */
    public Optional<Credentials> forRelay(String relay) {
        return Optional.ofNullable(byRelay.get(relay.toLowerCase(Locale.ROOT)));
    }

    public boolean isEmpty() {
        return byRelay.isEmpty();
    }
}
