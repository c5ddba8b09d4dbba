package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.godshell.toaster.backup.BackupTimer;
import org.godshell.toaster.backup.pgp.OpenPgpEncryption;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.InstallRecordFile;
import org.godshell.toaster.layout.Owners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster backup schedule|unschedule}: the nightly backup's settings ({@code control/backupdir},
 * {@code control/backupkeep}, {@code control/backupencryptto}, whose key is tried first so that a key that cannot
 * serve is refused now rather than at night) and, in a system install, the systemd timer; in any other install the crontab
 * line to add instead.
 */
final class BackupScheduleCommands {

    private BackupScheduleCommands() {
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Back up every night: writes control/backupdir and control/backupkeep, then enables "
                    + "toaster-backup.timer (system install) or prints the crontab line to add.")
    static final class Schedule implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Option(names = "--to", required = true, paramLabel = "DIR",
                description = "The directory of archives (an absolute path; created 0700 at the first backup).")
        private Path to;

        @Option(names = "--keep", paramLabel = "N", defaultValue = "7",
                description = "Backup points to keep, 1 to 1000 (default 7: a week of nightly backups).")
        private int keep;

        @Option(names = "--encrypt-to", paramLabel = "KEYFILE", description = "Encrypt the nightly archives to "
                + "the OpenPGP public key(s) in KEYFILE (writes control/backupencryptto).")
        private Path encryptTo;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (keep < 1 || keep > 1000) {
                return fail(spec, "--keep must be from 1 to 1000");
            }
            Path dir = to.toAbsolutePath().normalize();
            try {
                Path home = prefix.prefix();
                Owners owners = Owners.of(home);
                AtomicFile.write(home.resolve("control/backupdir"), dir + "\n", "rw-r--r--", owners::handOver);
                AtomicFile.write(home.resolve("control/backupkeep"), keep + "\n", "rw-r--r--", owners::handOver);
                Path encryptToFile = home.resolve("control/backupencryptto");
                if (encryptTo != null) {
                    OpenPgpEncryption.encryptTo(encryptTo.toAbsolutePath(), OutputStream.nullOutputStream()).close();
                    AtomicFile.write(encryptToFile, encryptTo.toAbsolutePath().normalize() + "\n", "rw-r--r--",
                            owners::handOver);
                } else {
                    Files.deleteIfExists(encryptToFile);
                }
                out.println("nightly backups into " + dir + ", keeping " + keep + (encryptTo == null
                        ? ", not encrypted (control/backupdir, control/backupkeep)"
                        : ", encrypted to " + encryptTo.toAbsolutePath().normalize()
                        + " (control/backupdir, control/backupkeep, control/backupencryptto)"));
                if (InstallRecordFile.system(InstallRecordFile.read(home))) {
                    BackupTimer.Outcome enabled = BackupTimer.ofThisHost().enable();
                    if (enabled.exit() != 0) {
                        return fail(spec, "systemctl enable --now " + BackupTimer.UNIT + " failed: "
                                + enabled.output());
                    }
                    out.println(BackupTimer.UNIT + " enabled: systemctl list-timers " + BackupTimer.UNIT
                            + " shows the next run");
                } else {
                    out.println("no systemd timer in this install: add this line to the crontab of the prefix's "
                            + "owner (crontab -e):");
                    out.println(BackupTimer.crontabLine(home));
                }
                out.flush();
                return 0;
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "unschedule", mixinStandardHelpOptions = true,
            description = "No more nightly backups: disables toaster-backup.timer (system install) or says which "
                    + "crontab line to remove; the archives and the settings stay.")
    static final class Unschedule implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path home = prefix.prefix();
                if (InstallRecordFile.system(InstallRecordFile.read(home))) {
                    BackupTimer.Outcome disabled = BackupTimer.ofThisHost().disable();
                    if (disabled.exit() != 0) {
                        return fail(spec, "systemctl disable --now " + BackupTimer.UNIT + " failed: "
                                + disabled.output());
                    }
                    out.println(BackupTimer.UNIT + " disabled; the archives and control/backupdir stay");
                } else {
                    out.println("remove this line from the crontab of the prefix's owner (crontab -e):");
                    out.println(BackupTimer.crontabLine(home));
                }
                out.flush();
                return 0;
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }
}
