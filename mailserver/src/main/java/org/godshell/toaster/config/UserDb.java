package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code control/userdb}: where the users live. {@code files} (the default) is {@code domains/<domain>/passwd}
 * and {@code aliases} on this host; {@code postgresql://USER@HOST[:PORT]/DATABASE} is a PostgreSQL database that
 * several toaster hosts share, its password in {@code control/userdbpassword} (mode 0600). The URL is the libpq
 * form (PostgreSQL's "Connection URIs") narrowed to what the toaster needs: no password in it (the file is not a
 * secret), no query parameters (TLS and timeouts are the toaster's choice, not the URL's), a host name or an IP
 * address in brackets for IPv6.
 */
public sealed interface UserDb {

    /** PostgreSQL's own port, when the URL names none. */
    int POSTGRESQL_PORT = 5432;

    /** The passwd and aliases files under {@code domains/}. */
    record Files() implements UserDb {
    }

    /** A PostgreSQL database: where it is, which database and which role. */
    record Postgres(String host, int port, String database, String user) implements UserDb {
        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
        }

        /** The URL as {@code control/userdb} holds it. */
        @Override
        public String toString() {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return "postgresql://" + user + "@" + h + ":" + port + "/" + database;
        }
    }

    /** A role or database name PostgreSQL takes unquoted (lower-case: it folds unquoted names). */
    Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** {@code postgresql://user@host[:port]/database}; the host a name, an IPv4 address or [IPv6]. */
    Pattern URL = Pattern.compile("postgres(?:ql)?://([^@/?#\\s]+)@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)"
            + "(?::([0-9]{1,5}))?/([^/?#\\s]+)");

    /** The value of {@code control/userdb}'s first line. */
    static UserDb parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        ControlFile.Line line = lines.get(0);
        String text = line.text().strip();
        if (text.equals("files")) {
            return new Files();
        }
        Matcher url = URL.matcher(text);
        if (!url.matches()) {
            throw new ConfigException(file, line.number(), "\"" + IpPort.shown(text) + "\" is neither files nor"
                    + " a PostgreSQL URL; write files, or postgresql://toaster@db.example.net:5432/toaster (the"
                    + " password goes in control/userdbpassword, not in the URL)");
        }
        String user = url.group(1);
        if (user.indexOf(':') >= 0) {
            throw new ConfigException(file, line.number(), "holds a password; take it out of the URL and put it in"
                    + " control/userdbpassword (mode 0600), which only the toaster's user can read");
        }
        String host = url.group(2);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!host.startsWith("[") && !Values.isHostName(host)) {
            throw new ConfigException(file, line.number(), "\"" + IpPort.shown(host) + "\" is not a host name");
        }
        int port = url.group(3) == null ? POSTGRESQL_PORT : Integer.parseInt(url.group(3));
        if (port < 1 || port > 65535) {
            throw new ConfigException(file, line.number(), port + " is not a port (1 to 65535)");
        }
        for (String name : List.of(user, url.group(4))) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(file, line.number(), "\"" + IpPort.shown(name) + "\" is not a role or"
                        + " database name the toaster uses: lower-case letters, digits and _, at most 63");
            }
        }
        return new Postgres(bare, port, url.group(4), user);
    }
}
