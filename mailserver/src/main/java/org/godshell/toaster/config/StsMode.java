package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code control/mtastsmode}: the mode of the MTA-STS policy the toaster publishes for its domains (RFC 8461
 * §5). The default is {@link #TESTING}: a policy in that mode never makes a sender refuse mail (§5.1), so a
 * fresh toaster with a self-signed certificate can publish it without risk; {@link #ENFORCE} is the admin's
 * choice, once {@code toaster doctor} is clean.
 */
public enum StsMode {
    /** No policy is served and no {@code _mta-sts} record printed. */
    NONE,
    /** Senders deliver whatever TLS says, and report failures (RFC 8460). */
    TESTING,
    /** Senders deliver only over TLS with a valid certificate for an MX of the policy. */
    ENFORCE;

    /** The word of the control file and of the policy's {@code mode:} line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StsMode parse(Path file, ControlFile.Line line) throws ConfigException {
        for (StsMode mode : values()) {
            if (mode.word().equals(line.text().strip())) {
                return mode;
            }
        }
        throw new ConfigException(file, line.number(), "\"" + printable(line.text().strip())
                + "\" is not an MTA-STS mode: write none, testing or enforce");
    }

    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
