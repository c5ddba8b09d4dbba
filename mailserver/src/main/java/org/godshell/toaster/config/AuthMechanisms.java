package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code control/smtpauthmechs}: the SASL mechanisms SMTP AUTH offers (RFC 4954 §3), one per line, in the order
 * EHLO lists them. Missing means {@link #DEFAULT}; CRAM-MD5 is offered only when listed here, because it needs
 * a password-equivalent secret on the server ({@code {CRAM-MD5}} passwd lines) and rests on MD5.
 */
final class AuthMechanisms {

    /** Every mechanism the server implements. */
    static final List<String> KNOWN = List.of("PLAIN", "LOGIN", "SCRAM-SHA-256", "CRAM-MD5");

    /** Without the file: everything but CRAM-MD5. */
    static final List<String> DEFAULT = List.of("PLAIN", "LOGIN", "SCRAM-SHA-256");

    private AuthMechanisms() {
    }

    static List<String> fromLines(Path file, List<ControlFile.Line> lines) throws ConfigException {
        List<String> mechanisms = new ArrayList<>();
        String fix = "write one of " + String.join(", ", KNOWN) + " per line";
        for (ControlFile.Line line : lines) {
            String name = line.text().strip().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                String shown = shown(line.text());
                throw new ConfigException(file, line.number(), "\"" + shown + "\" is not a mechanism this server has"
                        + (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0 ? " (one per line)" : "") + "; " + fix);
            }
            if (mechanisms.contains(name)) {
                throw new ConfigException(file, line.number(), name + " is listed twice; remove this line");
            }
            mechanisms.add(name);
        }
        if (mechanisms.isEmpty()) {
            throw new ConfigException(file, 0, "lists no mechanism; " + fix + ", or remove the file for the default ("
                    + String.join(" ", DEFAULT) + ")");
        }
        return List.copyOf(mechanisms);
    }

    /** The line as typed, control characters escaped, so the error cannot rewrite the admin's terminal. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
