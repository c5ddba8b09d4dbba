package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.imap.DovecotVersion;
import org.godshell.toaster.installer.imap.DropIn;
import org.godshell.toaster.installer.imap.SqlUsers;
import org.godshell.toaster.installer.imap.UnsafeValueException;
import org.godshell.toaster.io.AtomicFile;

/**
 * The installer's Dovecot drop-ins ({@link DropIn}: the main file and the users' file) in the syntax of the Dovecot
 * installed, checked by {@code doveconf -n} before Dovecot uses them: a configuration Dovecot refuses stops the
 * step with Dovecot's own message, and the previous files (or none) are put back, so Dovecot is never left unable
 * to start. Then Dovecot is enabled and restarted through systemd when a file changed. With {@code --users} the
 * users' file reads the users from PostgreSQL, and {@link SqlConnectionFile} holds the connection and its
 * password; it is written and put back with the drop-ins. Every other Dovecot file is left as it is.
 */
final class ImapConfigStep implements Step {

    private static final String MODE = "rw-r--r--";

    private final StepContext context;

    ImapConfigStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "imap-config";
    }

    @Override
    public String describe() {
        return "Dovecot serves IMAP (143 with STARTTLS, 993) for the toaster's users: "
                + context.dovecot().dropIn() + " and " + context.dovecot().usersDropIn().getFileName()
                + (context.services().isPresent() ? ", dovecot.service restarted" : "");
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        if (!context.dovecot().installed()) {
            return false;                                      // a plan: the package step installs it first
        }
        DropIn dropIn = dropIn(version());
        for (Wanted file : wanted(dropIn)) {
            if (!file.current().equals(Optional.of(file.text()))) {
                return false;
            }
        }
        return new SqlConnectionFile(context.dovecot().sqlFile()).holds(connection(dropIn))
                && (context.services().isEmpty() || !context.settings().start()
                        || context.services().get().unitIs(context.commands(), "is-active", Dovecot.UNIT));
    }

    @Override
    public void apply() throws IOException, StepException {
        DovecotVersion version = version();
        DropIn dropIn = dropIn(version);
        List<Wanted> files = wanted(dropIn);
        Map<Path, Optional<String>> previous = new LinkedHashMap<>();
        for (Wanted file : files) {
            previous.put(file.path(), file.current());
        }
        checkUid();
        SqlConnectionFile connection = new SqlConnectionFile(context.dovecot().sqlFile());
        boolean changed = connection.write(connection(dropIn));
        for (Wanted file : files) {
            if (!previous.get(file.path()).equals(Optional.of(file.text()))) {
                Files.createDirectories(file.path().getParent());
                AtomicFile.write(file.path(), file.text(), MODE);
                changed = true;
            }
        }
        String config = checked(previous, connection);
        context.out().println("         Dovecot " + version.text() + ": " + (changed ? "wrote " : "kept ")
                + context.dovecot().dropIn() + " and " + context.dovecot().usersDropIn().getFileName() + " ("
                + version + " syntax); doveconf -n accepts them");
        if (config.contains("driver = pam") || config.contains("passdb pam")) {
            context.out().println("         note: Dovecot also lets this host's system accounts log in (PAM, from "
                    + "!include auth-system.conf.ext in conf.d/10-auth.conf) with a name the toaster's users do not"
                    + " have; comment that line out if IMAP is for mailboxes only (wiki page IMAP)");
        }
        restart(changed);
    }

    private void restart(boolean changed) throws StepException {
        if (context.services().isEmpty()) {
            context.out().println("         systemd does not run this host: start Dovecot yourself (dovecot), or "
                    + "make it read the drop-in (doveadm reload)");
            return;
        }
        Systemd systemd = context.services().get();
        context.commands().require(systemd.units("enable", List.of(Dovecot.UNIT), "--quiet"), Optional.empty());
        if (!context.settings().start()) {
            context.out().println("         dovecot.service not restarted: --no-start");
            return;
        }
        if (changed || !systemd.unitIs(context.commands(), "is-active", Dovecot.UNIT)) {
            Commands.Result restart = context.commands().run(systemd.units("restart", List.of(Dovecot.UNIT)));
            if (!restart.ok()) {
                throw new StepException("Dovecot did not start with the toaster's drop-in: "
                        + (restart.err().isBlank() ? restart.out() : restart.err()).strip()
                        + "; see journalctl -u dovecot (another IMAP server on 143 or 993?)");
            }
            context.out().println("         restarted dovecot.service: IMAP on 143 (STARTTLS) and 993 (TLS)");
        }
    }

    /**
     * {@code doveconf -n} with the new drop-in; when Dovecot refuses it, or does not read it at all (a
     * dovecot.conf without {@code !include conf.d/*.conf}), the previous one comes back and the step fails.
     */
    private String checked(Map<Path, Optional<String>> previous, SqlConnectionFile connection)
            throws IOException, StepException {
        Commands.Result result = context.commands().run(context.dovecot().doveconf("-n"));
        // Both syntaxes, with the passwd files or the database, name the toaster's certificate.
        String marker = context.root().resolve("control/servercert.pem").toString();
        if (result.ok() && result.out().contains(marker)) {
            return result.out();
        }
        for (Map.Entry<Path, Optional<String>> file : previous.entrySet()) {
            if (file.getValue().isPresent()) {
                AtomicFile.write(file.getKey(), file.getValue().get(), MODE);
            } else {
                Files.deleteIfExists(file.getKey());
            }
        }
        connection.restore();
        Path file = context.dovecot().dropIn();
        boolean hadOne = previous.get(file).isPresent();
        String why = result.ok() ? "Dovecot does not read it (its dovecot.conf has no !include conf.d/*.conf)"
                : "doveconf -n says: " + (result.err().isBlank() ? result.out() : result.err()).strip();
        boolean fine = context.commands().run(context.dovecot().doveconf("-n")).ok();
        throw new StepException("Dovecot refused the toaster's drop-in " + file + ": " + why + "; "
                + (hadOne ? "the previous one is back" : "it was removed") + (fine
                        ? ", and Dovecot's configuration loads as before"
                        : "; Dovecot's configuration does not load without it either: fix that first") + " (wiki "
                + "page IMAP; or run the installer with --no-imap)");
    }

    /** Dovecot runs its mail processes only for uids at or above first_valid_uid (500 unless changed). */
    private void checkUid() throws StepException {
        Commands.Result uid = context.commands().run(List.of("id", "-u", SystemUserStep.USER));
        Commands.Result first = context.commands().run(context.dovecot().doveconf("-h", "first_valid_uid"));
        if (!uid.ok() || !first.ok() || !uid.out().strip().matches("[0-9]{1,9}")
                || !first.out().strip().matches("[0-9]{1,9}")) {
            return;                                         // nothing to compare: Dovecot's check names it
        }
        if (Long.parseLong(uid.out().strip()) < Long.parseLong(first.out().strip())) {
            throw new StepException("the user " + SystemUserStep.USER + " has uid " + uid.out().strip()
                    + ", below Dovecot's first_valid_uid " + first.out().strip() + ", so Dovecot would refuse "
                    + "its mail: add first_valid_uid = " + uid.out().strip() + " to /etc/dovecot/local.conf and run"
                    + " the installer again");
        }
    }

    private DovecotVersion version() throws StepException {
        Commands.Result result = context.commands().run(List.of(context.dovecot().dovecot().toString(),
                "--version"));
        Optional<DovecotVersion> version = DovecotVersion.parse(result.out());
        if (!result.ok() || version.isEmpty()) {
            throw new StepException(context.dovecot().dovecot() + " --version did not name a version: "
                    + (result.out() + result.err()).strip());
        }
        return version.get();
    }

    private DropIn dropIn(DovecotVersion version) throws StepException {
        DovecotVersion.Syntax syntax = version.syntax().orElseThrow(() -> new StepException("Dovecot "
                + version.text() + " is not a version the installer knows how to configure (2.3 and 2.4): "
                + "configure it yourself (wiki page IMAP) and run the installer with --no-imap"));
        Optional<SqlUsers> sql = context.settings().users().map(db -> new SqlUsers(db.host(), db.port(),
                db.database(), db.user(), db.password(), context.settings().hostName(), context.dovecot().sqlFile()));
        return new DropIn(context.root(), SystemUserStep.USER, syntax, sql);
    }

    /** A file of the installer's and the text it must hold. */
    private record Wanted(Path path, String text) {

        Optional<String> current() throws IOException {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(Files.readString(path, StandardCharsets.UTF_8)) : Optional.empty();
        }
    }

    /**
     * The users' file is written first: should the install stop between the two writes, a main file of an earlier
     * version (which held the users too) makes Dovecot ask them twice, where the other order would leave it none.
     */
    private List<Wanted> wanted(DropIn dropIn) throws StepException {
        try {
            return List.of(new Wanted(context.dovecot().usersDropIn(), dropIn.users()),
                    new Wanted(context.dovecot().dropIn(), dropIn.render()));
        } catch (UnsafeValueException e) {
            throw new StepException(e.getMessage());
        }
    }

    private static Optional<String> connection(DropIn dropIn) throws StepException {
        try {
            return dropIn.connection();
        } catch (UnsafeValueException e) {
            throw new StepException(e.getMessage());
        }
    }
}
