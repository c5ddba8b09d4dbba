package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code control/userdbpassword}: the password of the PostgreSQL role {@code control/userdb} names, one line,
 * mode 0600 ({@link SecretFile}). Its text is sent to the database as it is; only a line end around it is
 * dropped, and control characters (a file pasted with a NUL or an escape sequence) are refused.
 */
final class UserDbPassword {

    /** Far beyond any generated password; a larger file is not a password. */
    static final int MAX_LENGTH = 1024;

    private UserDbPassword() {
    }

    static Optional<String> read(Path file, List<ControlFile.Line> lines) throws ConfigException {
        SecretFile.ownerOnly(file, "a database password");
        ControlFile.Line line = lines.get(0);
        String password = line.text().strip();
        if (password.isEmpty() || password.length() > MAX_LENGTH) {
            throw new ConfigException(file, line.number(), "must hold one password of 1 to " + MAX_LENGTH
                    + " characters (openssl rand -base64 32 makes a good one)");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(file, line.number(), "holds a control character; write the password alone on"
                    + " one line");
        }
        return Optional.of(password);
    }
}
