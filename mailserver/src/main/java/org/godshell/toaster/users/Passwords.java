package org.godshell.toaster.users;

import java.util.Arrays;
import java.util.Optional;
import org.godshell.toaster.auth.SaslPrep;

/** What the store asks of a new password before any backend stores it. */
final class Passwords {

    /** A full name longer than this is not a name; the database's column has the same bound. */
    static final int MAX_GECOS = 1024;

    private Passwords() {
    }

    /**
     * The password SASLprepped (RFC 4013) and hashed: logins prepare what the client sends the same way, so the
     * two agree whatever form of a character (composed, full-width, with a soft hyphen) either side typed.
     * Hashed before any backend is asked: the slow part should not hold up other edits.
     */
    static String hash(char[] password, PasswordScheme scheme) throws UserStoreException {
        if (password == null || password.length > PasswordHash.MAX_PASSWORD
                || PasswordHash.utf8(password).isEmpty()) {
            throw new UserStoreException("the password must be text of at most " + PasswordHash.MAX_PASSWORD
                    + " characters");
        }
        Optional<char[]> prepared = SaslPrep.prepare(password);
        if (prepared.isEmpty() || prepared.get().length == 0 || prepared.get().length > PasswordHash.MAX_PASSWORD) {
            prepared.ifPresent(p -> Arrays.fill(p, '\0'));
            throw new UserStoreException("the password has a character SASLprep (RFC 4013) refuses: a control"
                    + " character, a private-use or unassigned code point, or mixed right-to-left text; choose"
                    + " another password");
        }
        try {
            return PasswordHash.hash(prepared.get(), scheme);
        } finally {
            Arrays.fill(prepared.get(), '\0');
        }
    }
}
