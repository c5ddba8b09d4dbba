package org.godshell.toaster.users;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The old crypt(3) schemes the store reads but never writes, so that users moved from another system (vpopmail's
 * {@code vpasswd}, an old {@code /etc/shadow}) keep their passwords: Dovecot's {@code {CRYPT}} (traditional DES
 * crypt, 13 characters: a 2-character salt and 11 of hash) and {@code {MD5-CRYPT}} (Poul-Henning Kamp's
 * {@code $1$salt$hash}, a salt of up to 8 characters and 22 of hash). commons-codec computes both
 * ({@code UnixCrypt}, {@code Md5Crypt}), and they agree with glibc, OpenSSL ({@code openssl passwd -1}) and Python's
 * {@code crypt}.
 *
 * <p>DES crypt reads only the first 8 bytes of a password (8 ASCII characters): {@code password123} logs in where
 * {@code password} was set. Both schemes are fast to attack, so a successful login may rewrite the hash in the
 * default scheme ({@link Rehash}, {@code control/passwordrehash}).
 */
final class LegacyCrypt {

    static final String DES = "{CRYPT}";
    static final String MD5 = "{MD5-CRYPT}";

    /** crypt(3)'s 64 characters, in both the salt and the hash. */
    private static final Pattern DES_FORM = Pattern.compile("[./0-9A-Za-z]{13}");
    private static final Pattern MD5_FORM = Pattern.compile("\\$1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}");

    private LegacyCrypt() {
    }

    /** Whether the stored field is in one of these schemes (well-formed or not). */
    static boolean scheme(String field) {
        return field.startsWith(DES) || field.startsWith(MD5);
    }

    /** For a field of {@link #scheme}: empty when its hash has the strict form, else what is wrong. */
    static Optional<String> problem(String field) {
        if (field.startsWith(DES)) {
            return DES_FORM.matcher(field.substring(DES.length())).matches() ? Optional.empty()
                    : Optional.of("the " + DES + " hash is not traditional DES crypt (13 characters of ./0-9A-Za-z)");
        }
        return MD5_FORM.matcher(field.substring(MD5.length())).matches() ? Optional.empty()
                : Optional.of("the " + MD5 + " hash is not in crypt's $1$salt$hash form (a salt of 1 to 8 and a"
                + " hash of 22 characters of ./0-9A-Za-z)");
    }
}
