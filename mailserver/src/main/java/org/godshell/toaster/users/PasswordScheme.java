package org.godshell.toaster.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The schemes {@code toaster user add|passwd} can write, by their {@code --scheme} names. */
public enum PasswordScheme {

    /** {@code {SHA512-CRYPT}}: the default; PLAIN and LOGIN only. */
    SHA512_CRYPT("sha512-crypt"),

    /** {@code {SCRAM-SHA-256}} (Dovecot's format): SCRAM-SHA-256 as well as PLAIN and LOGIN. */
    SCRAM_SHA_256("scram-sha-256"),

    /**
     * {@code {CRAM-MD5}} (Dovecot's HMAC-MD5 context): CRAM-MD5 as well as PLAIN and LOGIN. Password-equivalent:
     * only for clients that need CRAM-MD5, with {@code control/smtpauthmechs} listing it.
     */
    CRAM_MD5("cram-md5");

    private final String option;

    PasswordScheme(String option) {
        this.option = option;
    }

    /** The name on the command line. */
    public String option() {
        return option;
    }

    /** The scheme for a command-line name, case ignored. */
    public static Optional<PasswordScheme> named(String name) {
        return Arrays.stream(values()).filter(s -> s.option.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }
}
