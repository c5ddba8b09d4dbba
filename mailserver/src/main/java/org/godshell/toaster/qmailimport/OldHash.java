package org.godshell.toaster.qmailimport;

import java.util.regex.Pattern;

/**
 * The password hash of a vpasswd line, by crypt(3) scheme, with the Dovecot prefix it becomes in the toaster's
 * passwd file ({@code {CRYPT}}, {@code {MD5-CRYPT}}, {@code {SHA256-CRYPT}}, {@code {SHA512-CRYPT}}: Dovecot's
 * password-scheme names). vpopmail writes MD5-crypt, or SHA512-crypt when built for it; DES and SHA256 hashes
 * come from older installs and files edited or converted by hand.
 */
public sealed interface OldHash {

    /** Traditional DES crypt: two salt characters and eleven hash characters from crypt's alphabet. */
    Pattern DES = Pattern.compile("[./0-9A-Za-z]{13}");
    /** MD5-crypt: {@code $1$salt$hash}, a salt of at most 8 characters and a 22-character hash. */
    Pattern MD5 = Pattern.compile("\\$1\\$[^$:]{0,8}\\$[./0-9A-Za-z]{22}");
    /** SHA256-crypt: {@code $5$[rounds=N$]salt$hash}, a salt of at most 16 characters, a 43-character hash. */
    Pattern SHA256 = Pattern.compile("\\$5\\$(rounds=[0-9]{1,9}\\$)?[^$:]{0,16}\\$[./0-9A-Za-z]{43}");
    /** SHA512-crypt: {@code $6$[rounds=N$]salt$hash}, a salt of at most 16 characters, an 86-character hash. */
    Pattern SHA512 = Pattern.compile("\\$6\\$(rounds=[0-9]{1,9}\\$)?[^$:]{0,16}\\$[./0-9A-Za-z]{86}");

    /** A hash the toaster can store; {@code dovecotField} is the passwd-file field, scheme prefix included. */
    record Supported(Scheme scheme, String hash) implements OldHash {

        public String dovecotField() {
            return scheme.prefix() + hash;
        }
    }

    /** A hash the import cannot carry over; the user must be given a new password. */
    record Unsupported(String reason) implements OldHash {
    }

    /** The crypt schemes vpopmail wrote, by the prefix Dovecot gives them. */
    enum Scheme {
        DES_CRYPT("{CRYPT}"),
        MD5_CRYPT("{MD5-CRYPT}"),
        SHA256_CRYPT("{SHA256-CRYPT}"),
        SHA512_CRYPT("{SHA512-CRYPT}");

        private final String prefix;

        Scheme(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** The scheme of a vpasswd hash field; the reason names the scheme but never repeats the field. */
    static OldHash of(String field) {
        if (field.isEmpty()) {
            return new Unsupported("empty password field (no password)");
        }
        if (DES.matcher(field).matches()) {
            return new Supported(Scheme.DES_CRYPT, field);
        }
        if (MD5.matcher(field).matches()) {
            return new Supported(Scheme.MD5_CRYPT, field);
        }
        if (SHA256.matcher(field).matches()) {
            return new Supported(Scheme.SHA256_CRYPT, field);
        }
        if (SHA512.matcher(field).matches()) {
            return new Supported(Scheme.SHA512_CRYPT, field);
        }
        if (field.startsWith("$")) {
            int end = field.indexOf('$', 1);
            String id = end > 1 && end <= 8 ? field.substring(1, end) : "?";
            return new Unsupported("crypt scheme $" + id.replaceAll("[^0-9A-Za-z]", "?")
                    + "$ or a malformed hash: only DES, $1$ MD5-crypt, $5$ SHA256-crypt and $6$ SHA512-crypt"
                    + " are imported");
        }
        return new Unsupported("not a crypt(3) hash (a clear-text or locked password?): not imported");
    }
}
