package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.godshell.toaster.layout.Imap;

/**
 * Dovecot on a host: its programs, the package manager that installs it, and where the installer's drop-in goes
 * (tests give stand-in programs and a directory of their own).
 *
 * @param dovecot   the master, {@code /usr/sbin/dovecot}
 * @param doveconf  {@code /usr/bin/doveconf}, which checks a configuration and prints what Dovecot makes of it
 * @param imapLogin the IMAP login process: present only with the IMAP package (dovecot-imapd on Debian)
 * @param aptGet    {@code /usr/bin/apt-get} on Debian and Ubuntu, which the installer uses to install Dovecot
 * @param dropIn    the installer's configuration file, {@link Imap#DROP_IN}; its users' file is beside it
 */
public record Dovecot(Path dovecot, Path doveconf, Path imapLogin, Path aptGet, Path dropIn) {

    /** The package that brings Dovecot's IMAP server (and Dovecot itself) on Debian and Ubuntu. */
    public static final String PACKAGE = "dovecot-imapd";
    /** Dovecot's systemd unit, as its packages name it. */
    public static final String UNIT = "dovecot.service";

    /** This host's: Debian's paths, or another distribution's libexec directory where it has one. */
    public static Dovecot ofThisHost() {
        Path imapLogin = Stream.of("/usr/lib/dovecot/imap-login", "/usr/libexec/dovecot/imap-login")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/lib/dovecot/imap-login"));
        return new Dovecot(Path.of("/usr/sbin/dovecot"), Path.of("/usr/bin/doveconf"), imapLogin,
                Path.of("/usr/bin/apt-get"), Imap.DROP_IN);
    }

    /** The package of Dovecot's PostgreSQL driver, for the users in a shared database ({@code --users}). */
    public static final String PGSQL_PACKAGE = "dovecot-pgsql";

    /** Whether Dovecot and its IMAP server are installed. */
    public boolean installed() {
        return Files.isExecutable(dovecot) && Files.isExecutable(doveconf) && Files.isExecutable(imapLogin);
    }

    /**
     * The auth process's PostgreSQL driver, beside imap-login as dovecot-pgsql installs it
     * ({@code /usr/lib/dovecot/modules/auth/libdriver_pgsql.so} on Debian).
     */
    public Path pgsqlDriver() {
        return imapLogin.resolveSibling("modules/auth/libdriver_pgsql.so");
    }

    /** The installer's users for Dovecot, beside {@link #dropIn} and read before Dovecot's own files. */
    public Path usersDropIn() {
        return dropIn.resolveSibling(Imap.USERS_DROP_IN.getFileName());
    }

    /** The connection file of the users' database, beside Dovecot's conf.d/ ({@code /etc/dovecot/}). */
    public Path sqlFile() {
        return dropIn.getParent().resolveSibling("toaster-sql.conf.ext");
    }

    /** {@code doveconf ARGS...} as an argv list. */
    List<String> doveconf(String... args) {
        List<String> argv = new ArrayList<>(List.of(doveconf.toString()));
        argv.addAll(List.of(args));
        return argv;
    }
}
