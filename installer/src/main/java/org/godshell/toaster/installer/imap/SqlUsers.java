package org.godshell.toaster.installer.imap;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dovecot's passdb and userdb in the toaster's PostgreSQL tables ({@code --users}): the values of the SQL drop-in
 * and of the file that holds the connection with its password ({@link #FILE}, mode 0640 root:dovecot). Dovecot
 * serves only the users of the domains whose {@code mailbox_host} is this host: their Maildirs are here.
 *
 * <p>Each value is written in the one quoting its reader defines, never pasted: the password in libpq's
 * single-quoted form ({@code \'}, {@code \\}) inside Dovecot's double-quoted one ({@code \"}, {@code \\}); names in
 * SQL literals only when they are plain words, which a literal cannot be broken out of; a line break is refused.
 *
 * @param host        the database's host name or IP address
 * @param port        its port
 * @param database    the database, a plain lower-case name
 * @param role        the role Dovecot logs in as, the toaster's
 * @param password    the role's password: one line, no control character
 * @param mailboxHost this host's name (control/me), as the toaster writes it into {@code domains.mailbox_host}
 * @param file        where the connection file goes
 */
public record SqlUsers(String host, int port, String database, String role, String password, String mailboxHost,
        Path file) {

    /** The connection file beside Dovecot's own dovecot-sql.conf.ext. */
    public static final Path FILE = Path.of("/etc/dovecot/toaster-sql.conf.ext");
    /** Dovecot's group, which its auth process runs in; the file is readable by it and by root alone. */
    public static final String GROUP = "dovecot";

    /** A word every reader takes as it is: a host name, an IP address, a path of plain characters. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/+-]{1,253}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The templates' values for {@code syntax}, the users' homes under {@code prefix}/domains/. */
    Map<String, String> values(DovecotVersion.Syntax syntax, Path prefix) throws UnsafeValueException {
        for (String name : new String[] {database, role}) {
            if (!NAME.matcher(name).matches()) {
                throw new UnsafeValueException("the database or role name " + shown(name) + " is not a plain "
                        + "lower-case name");
            }
        }
        if (port < 1 || port > 65535) {
            throw new UnsafeValueException(port + " is not a port");
        }
        String hostLiteral = literal("the host name (control/me)", mailboxHost.toLowerCase(Locale.ROOT));
        String homes = literal("the prefix", prefix + "/domains/");
        plain("the database host", host);
        if (syntax == DovecotVersion.Syntax.V2_3 && password.contains("  ")) {
            // 2.3 makes one space of two in the connection string (tried with its pgsql driver): the role's
            // password would be wrong, and every login would fail.
            throw new UnsafeValueException("the database password has two spaces in a row, which Dovecot 2.3 reads "
                    + "as one; choose a password without them (openssl rand -hex 32)");
        }
        if (syntax == DovecotVersion.Syntax.V2_4 && password.indexOf('%') >= 0) {
            // 2.4 expands %{...} in settings' values; what it does with the rest of a % was not tried here.
            throw new UnsafeValueException("the database password holds a %, which Dovecot 2.4 may read as a "
                    + "variable; choose a password without % (openssl rand -hex 32)");
        }
        return switch (syntax) {
            case V2_3 -> Map.of("sqlFile", plain("the connection file", file.toString()),
                    "connect", quoted(conninfo()), "mailboxHost", hostLiteral, "homes", homes);
            case V2_4 -> Map.of("sqlFile", plain("the connection file", file.toString()), "host", host,
                    "port", Integer.toString(port), "database", database, "role", role, "password",
                    quoted(password), "mailboxHost", hostLiteral, "homes", homes);
        };
    }

    /** libpq's connection string (PostgreSQL, "Connection Strings"): every value single-quoted. */
    String conninfo() throws UnsafeValueException {
        return "host=" + libpq(host) + " port=" + port + " dbname=" + libpq(database) + " user=" + libpq(role)
                + " password=" + libpq(password);
    }

    /** A libpq value: in single quotes, with {@code '} and {@code \} escaped by a backslash. */
    static String libpq(String value) throws UnsafeValueException {
        return "'" + oneLine(value).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * A Dovecot value in double quotes, {@code "} and {@code \} escaped by a backslash: read as it is, with no
     * comment ({@code #}), variable or {@code $SET:} inside (Dovecot's settings syntax, "quotes").
     */
    static String quoted(String value) throws UnsafeValueException {
        return "\"" + oneLine(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * An SQL literal of a plain word: quotes doubled, although a plain word has none; anything else (a quote, a
     * backslash, {@code %} which Dovecot would expand, a space, a line break) is refused.
     */
    static String literal(String what, String value) throws UnsafeValueException {
        return "'" + plain(what, value).replace("'", "''") + "'";
    }

    private static String plain(String what, String value) throws UnsafeValueException {
        if (!PLAIN.matcher(value).matches() || value.contains("..")) {
            throw new UnsafeValueException(what + " " + shown(value) + " has characters the Dovecot SQL "
                    + "configuration cannot carry as a plain word; install with --no-imap and configure Dovecot "
                    + "yourself (wiki page IMAP)");
        }
        return value;
    }

    private static String oneLine(String value) throws UnsafeValueException {
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UnsafeValueException("the database password is empty or holds a line break or another "
                    + "control character; write it alone on one line");
        }
        return value;
    }

    private static String shown(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    @Override
    public String toString() {
        return "SqlUsers[" + role + "@" + host + ":" + port + "/" + database + " for " + mailboxHost + "]";
    }
}
