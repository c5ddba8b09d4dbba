package org.godshell.toaster.installer.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --users postgresql://USER@HOST[:PORT]/DATABASE} with {@code --users-password-file FILE}: the toaster's
 * users live in a PostgreSQL database that several hosts share (control/userdb and control/userdbpassword), and
 * Dovecot reads them there too. The rules are the mail server's own for control/userdb ({@code config.UserDb} and
 * {@code UserDbPassword}), repeated here because the installer carries no mail server code: a URL or a password
 * the daemons would refuse is refused before anything changes.
 *
 * @param host     a host name, or an IPv6 address without its brackets
 * @param port     5432 unless the URL names one
 * @param database a plain lower-case name
 * @param user     the role, a plain lower-case name
 * @param password the role's password: one line of 1 to {@value #MAX_PASSWORD} characters, no control character
 */
public record UsersDatabase(String host, int port, String database, String user, String password) {

    public static final int POSTGRESQL_PORT = 5432;
    /** As UserDbPassword.MAX_LENGTH: far beyond any generated password. */
    public static final int MAX_PASSWORD = 1024;

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern URL = Pattern.compile("postgres(?:ql)?://([^@/?#\\s]+)@(\\[[0-9A-Fa-f:.]+\\]"
            + "|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/([^/?#\\s]+)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?");

    /** The URL as control/userdb holds it; never the password. */
    public String url() {
        return "postgresql://" + user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/"
                + database;
    }

    @Override
    public String toString() {
        return url();
    }

    /** The database of {@code --users URL}, its role's password read from {@code --users-password-file}. */
    static UsersDatabase of(String url, Path passwordFile) throws SettingsException {
        if (passwordFile == null) {
            throw new SettingsException("--users needs --users-password-file FILE: the password of the role in the "
                    + "URL, alone on one line (never on the command line, where ps shows it)");
        }
        return parse("--users", url).withPassword(password("--users-password-file " + passwordFile, passwordFile));
    }

    /**
     * What an installed prefix says: control/userdb when it names a PostgreSQL database (an earlier {@code --users},
     * or the admin's own edit), with control/userdbpassword; empty for {@code files} or no file. A rerun and an
     * upgrade keep both files, and Dovecot keeps reading the database.
     */
    static Optional<UsersDatabase> installed(Path prefix) throws SettingsException {
        Path userdb = prefix.resolve("control/userdb");
        if (!Files.isRegularFile(userdb, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String text = firstLine(userdb, 4096).strip();
        if (text.isEmpty() || text.equals("files")) {
            return Optional.empty();
        }
        UsersDatabase db = parse(userdb.toString(), text);
        Path password = prefix.resolve("control/userdbpassword");
        if (!Files.exists(password)) {
            throw new SettingsException(userdb + " names " + db.url() + " but " + password + " is missing: Dovecot "
                    + "needs the role's password too; write it there (mode 0600), or rerun with --users URL "
                    + "--users-password-file FILE");
        }
        return Optional.of(db.withPassword(password(password.toString(), password)));
    }

    private UsersDatabase withPassword(String password) {
        return new UsersDatabase(host, port, database, user, password);
    }

    /** The URL's parts, with an empty password; {@code what} names the option or file in messages. */
    static UsersDatabase parse(String what, String raw) throws SettingsException {
        String text = raw == null ? "" : raw.strip();
        Matcher url = URL.matcher(text);
        if (text.length() > 600 || !url.matches()) {
            throw new SettingsException(what + " \"" + Names.printable(raw) + "\" is not a PostgreSQL URL such as "
                    + "postgresql://toaster@db.example.net:5432/toaster (the password goes in a file, not in the URL)");
        }
        String user = url.group(1);
        if (user.indexOf(':') >= 0) {
            throw new SettingsException(what + " holds a password; take it out of the URL and give it in "
                    + "--users-password-file FILE");
        }
        String host = url.group(2);
        if (!host.startsWith("[") && (!HOST.matcher(host).matches() || host.contains(".."))) {
            throw new SettingsException(what + ": \"" + Names.printable(host) + "\" is not a host name");
        }
        int port = url.group(3) == null ? POSTGRESQL_PORT : Integer.parseInt(url.group(3));
        if (port < 1 || port > 65535) {
            throw new SettingsException(what + ": " + port + " is not a port (1 to 65535)");
        }
        for (String name : List.of(user, url.group(4))) {
            if (!NAME.matcher(name).matches()) {
                throw new SettingsException(what + ": \"" + Names.printable(name) + "\" is not a role or database "
                        + "name the toaster uses: lower-case letters, digits and _, at most 63");
            }
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new UsersDatabase(bare, port, url.group(4), user, "");
    }

    /** The first line of {@code file}, as the daemons read control/userdbpassword: spaces around it dropped. */
    static String password(String what, Path file) throws SettingsException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SettingsException(what + " is not a readable file");
        }
        String password = firstLine(file, 64 * 1024).strip();
        if (password.isEmpty() || password.length() > MAX_PASSWORD) {
            throw new SettingsException(what + " must hold one password of 1 to " + MAX_PASSWORD
                    + " characters on its first line (openssl rand -base64 32 makes a good one)");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new SettingsException(what + ": the password holds a control character (a tab, an escape); "
                    + "write it alone on one line");
        }
        return password;
    }

    private static String firstLine(Path file, int limit) throws SettingsException {
        try {
            if (Files.size(file) > limit) {
                throw new SettingsException(file + " is larger than " + limit + " bytes: not a one-line setting");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            throw new SettingsException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
