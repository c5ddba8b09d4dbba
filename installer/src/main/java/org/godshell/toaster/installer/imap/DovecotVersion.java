package org.godshell.toaster.installer.imap;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dovecot's version, from the first line of {@code dovecot --version} ({@code 2.3.19.1 (9b53102964)}, {@code
 * 2.4.1-4 (7d8c0e5759)}), and the configuration syntax it reads: 2.4 renamed most settings and made the 2.3
 * syntax an error, so the installer writes one drop-in or the other.
 */
public record DovecotVersion(int major, int minor, String text) {

    /** The configuration syntaxes the installer writes. */
    public enum Syntax {
        /** Dovecot 2.3 (Debian 12, Ubuntu 24.04). */
        V2_3,
        /** Dovecot 2.4 (Debian 13): {@code passdb NAME { }}, {@code mail_driver}, {@code ssl_server_cert_file}. */
        V2_4
    }

    private static final int MAX_LINE = 200;
    private static final Pattern VERSION = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})(?:[.+~-][0-9A-Za-z.+~-]*)?"
            + "(?: \\([0-9a-f]{1,40}\\))?");

    /** The version a {@code dovecot --version} output names; empty when it is not such an output. */
    public static Optional<DovecotVersion> parse(String output) {
        String line = output.lines().findFirst().orElse("").strip();
        if (line.length() > MAX_LINE) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DovecotVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), line));
    }

    /** The syntax of this version; empty for one the installer does not know (before 2.3, or after 2.4). */
    public Optional<Syntax> syntax() {
        if (major != 2) {
            return Optional.empty();
        }
        return switch (minor) {
            case 3 -> Optional.of(Syntax.V2_3);
            case 4 -> Optional.of(Syntax.V2_4);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
