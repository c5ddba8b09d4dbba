package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.imap.ReloadUnits;

/**
 * Uninstall's part of IMAP: the installer's drop-ins and its reload units removed, and Dovecot reloaded so that it
 * stops serving the toaster's users. Dovecot itself, its package and its other files stay: they may serve more
 * than the toaster, and {@code apt-get purge dovecot-imapd} is the admin's call.
 */
final class RemoveImapStep implements Step {

    private final StepContext context;

    RemoveImapStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "remove-imap";
    }

    @Override
    public String describe() {
        return "the toaster's Dovecot drop-ins " + context.dovecot().dropIn() + " and "
                + context.dovecot().usersDropIn().getFileName() + " (and " + context.dovecot().sqlFile().getFileName()
                + " with --users) and " + ReloadUnits.PATH
                + " removed, Dovecot reloaded (Dovecot itself stays installed)";
    }

    @Override
    public boolean isDone() {
        if (Files.exists(context.dovecot().dropIn(), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(context.dovecot().usersDropIn(), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(context.dovecot().sqlFile(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return context.services().map(systemd -> ReloadUnits.UNITS.stream().noneMatch(unit ->
                Files.exists(systemd.units().resolve(unit), LinkOption.NOFOLLOW_LINKS))).orElse(true);
    }

    @Override
    public void apply() throws IOException, StepException {
        boolean hadDropIn = Files.deleteIfExists(context.dovecot().dropIn())
                | Files.deleteIfExists(context.dovecot().usersDropIn());
        // The users' database connection, with its password: nothing reads it without the drop-in.
        Files.deleteIfExists(context.dovecot().sqlFile());
        if (context.services().isEmpty()) {
            if (hadDropIn) {
                context.out().println("         removed " + context.dovecot().dropIn() + " and "
                        + context.dovecot().usersDropIn().getFileName() + "; make Dovecot forget them: doveadm reload");
            }
            return;
        }
        Systemd systemd = context.services().get();
        // A unit already gone is not an error here.
        context.commands().run(systemd.units("disable", List.of(ReloadUnits.PATH), "--now", "--quiet"));
        for (String unit : ReloadUnits.UNITS) {
            Files.deleteIfExists(systemd.units().resolve(unit));
        }
        context.commands().require(systemd.units("daemon-reload", List.of()), Optional.empty());
        if (hadDropIn) {
            context.commands().run(systemd.units("try-reload-or-restart", List.of(Dovecot.UNIT)));
            context.out().println("         removed " + context.dovecot().dropIn() + " and "
                    + context.dovecot().usersDropIn().getFileName() + " and reloaded dovecot.service: it no longer"
                    + " serves the toaster's users");
        }
    }
}
