package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dovecot's IMAP server installed: on Debian and Ubuntu the distribution's {@value Dovecot#PACKAGE} with
 * {@code apt-get}, without questions, waiting for another package manager's lock rather than failing on it; the
 * package lists are updated once if the first try finds nothing. Elsewhere the step names the package and stops
 * (the preflight says so first, before anything changes). Only in system mode, unless {@code --no-imap}.
 */
final class ImapPackageStep implements Step {

    /** How long apt-get may take: another apt's lock (up to 10 minutes), then the downloads. */
    static final Duration APT_LIMIT = Duration.ofMinutes(15);
    private static final Map<String, String> NONINTERACTIVE = Map.of("DEBIAN_FRONTEND", "noninteractive");

    private final StepContext context;

    ImapPackageStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "imap-package";
    }

    @Override
    public String describe() {
        return "Dovecot's IMAP server installed (the distribution's " + String.join(" and ", packages())
                + ", with apt-get)";
    }

    /** dovecot-imapd, and its PostgreSQL driver when the users are in a database. */
    private List<String> packages() {
        return context.settings().users().isPresent() ? List.of(Dovecot.PACKAGE, Dovecot.PGSQL_PACKAGE)
                : List.of(Dovecot.PACKAGE);
    }

    private boolean driverMissing() {
        return context.settings().users().isPresent() && !Files.isRegularFile(context.dovecot().pgsqlDriver());
    }

    @Override
    public boolean isDone() {
        return context.dovecot().installed() && !driverMissing();
    }

    @Override
    public void apply() throws StepException {
        Dovecot dovecot = context.dovecot();
        if (!Files.isExecutable(dovecot.aptGet())) {
            throw new StepException("IMAP needs Dovecot, and this host has no apt-get to install it: install "
                    + "Dovecot's IMAP server with your package manager (" + Dovecot.PACKAGE + " on Debian and Ubuntu, "
                    + "dovecot on Fedora, RHEL, Arch and Alpine" + (context.settings().users().isPresent()
                            ? "; with --users also its PostgreSQL driver, " + Dovecot.PGSQL_PACKAGE : "")
                    + ") and run the installer again, or run it with --no-imap");
        }
        List<String> install = new java.util.ArrayList<>(List.of(dovecot.aptGet().toString(), "-o",
                "DPkg::Lock::Timeout=600", "install", "-y", "-q"));
        install.addAll(packages());
        context.out().println("         apt-get install " + String.join(" ", packages()));
        context.out().flush();
        Commands.Result first = context.commands().run(install, Optional.empty(), NONINTERACTIVE, APT_LIMIT);
        if (!first.ok()) {
            // A fresh host (a container) may have no package lists yet: update them once and try again.
            context.out().println("         apt-get update, then install again");
            context.commands().require(List.of(dovecot.aptGet().toString(), "-o", "DPkg::Lock::Timeout=600",
                    "update", "-q"), NONINTERACTIVE, APT_LIMIT);
            context.commands().require(install, NONINTERACTIVE, APT_LIMIT);
        }
        if (!dovecot.installed()) {
            throw new StepException("apt-get installed " + Dovecot.PACKAGE + " but " + dovecot.imapLogin()
                    + " is still missing; look at: dpkg -L " + Dovecot.PACKAGE);
        }
        if (driverMissing()) {
            throw new StepException("apt-get installed " + Dovecot.PGSQL_PACKAGE + " but " + dovecot.pgsqlDriver()
                    + " is still missing; look at: dpkg -L " + Dovecot.PGSQL_PACKAGE);
        }
    }
}
