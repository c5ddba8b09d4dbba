package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.backup.Backup;
import org.godshell.toaster.backup.Encryption;
import org.godshell.toaster.backup.Limits;
import org.godshell.toaster.backup.Pruner;
import org.godshell.toaster.backup.QueueCapture;
import org.godshell.toaster.backup.Verification;
import org.godshell.toaster.backup.pgp.OpenPgpEncryption;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.layout.Owners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster backup}: one archive of the toaster's state (org.godshell.toaster.backup), incremental after the
 * first full one in a directory, {@code --keep N} pruning; {@code --verify FILE} re-reads an archive and its chain.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up control/, domains/, var/, the queue and the wiki repository into one archive "
                + "(PREFIX/backups/ by default; incremental after the first full one), or --verify one; "
                + "schedule a nightly one.",
        subcommands = {BackupScheduleCommands.Schedule.class, BackupScheduleCommands.Unschedule.class})
final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private PrefixOption prefix;

    @Option(names = "--to", paramLabel = "FILE|DIR", description = "A directory of archives (created 0700; "
            + "default PREFIX/backups), or a file name ending in .tar.gz: one full archive.")
    private Path to;

    @Option(names = "--full", description = "A full backup even when an increment would do.")
    private boolean full;

    @Option(names = "--keep", paramLabel = "N", description = "After the backup, delete the oldest archives of the "
            + "directory so that N backup points remain (never one a kept increment needs).")
    private Integer keep;

    @Option(names = "--verify", paramLabel = "FILE", description = "Re-read FILE (and the archives it builds on, "
            + "from its directory), check every member against the manifest; print OK or each bad member.")
    private Path verify;

    @Option(names = "--encrypt-to", paramLabel = "KEYFILE", description = "Encrypt the archive to the OpenPGP "
            + "public key(s) in KEYFILE (gpg --armor --export); its name ends in .pgp.")
    private Path encryptTo;

    @Mixin
    private SecretKeyOptions secretKey;

    @Option(names = "--scheduled", description = "The nightly backup (what toaster-backup.timer runs): into "
            + "control/backupdir (default PREFIX/backups), keeping control/backupkeep (default 7).")
    private boolean scheduled;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (verify != null) {
            return verify(out);
        }
        if (scheduled && (to != null || keep != null || encryptTo != null)) {
            return fail(spec, "--scheduled takes --to, --keep and --encrypt-to from control/backupdir, "
                    + "control/backupkeep and control/backupencryptto");
        }
        if (keep != null && keep < 1) {
            return fail(spec, "--keep needs a number of at least 1");
        }
        try {
            Path home = prefix.prefix();
            if (scheduled) {
                Controls controls = Controls.once(home.resolve("control"));
                to = controls.get(ControlFiles.BACKUPDIR).orElse(home.resolve("backups"));
                keep = controls.get(ControlFiles.BACKUPKEEP).intValue();
                encryptTo = controls.get(ControlFiles.BACKUPENCRYPTTO).orElse(null);
            }
            Backup.Target target = target(home);
            if (keep != null && target instanceof Backup.IntoFile) {
                return fail(spec, "--keep works on a directory of archives, not on --to FILE");
            }
            Owners owners = Owners.of(home);
            Backup backup = new Backup(home, Clock.systemUTC(), Limits.DEFAULT, QueueCapture.snapshot(owners::handOver),
                    owners::handOver);
            Path publicKey = encryptTo;
            Backup.Result result = publicKey == null ? backup.run(target, full, Encryption.NONE, false)
                    : backup.run(target, full, archive -> OpenPgpEncryption.encryptTo(publicKey, archive), true);
            report(out, result);
            if (keep != null && target instanceof Backup.IntoDirectory(Path dir)) {
                List<String> deleted = Pruner.prune(dir, keep);
                out.println(deleted.isEmpty() ? "kept every archive (--keep " + keep + ")"
                        : "deleted (--keep " + keep + "): " + String.join(", ", deleted));
            }
            out.flush();
            return 0;
        } catch (IOException | ConfigException e) {
            return fail(spec, "backup failed: " + e.getMessage());
        }
    }

    private Backup.Target target(Path home) {
        if (scheduled) {
            return new Backup.IntoDirectory(to);
        }
        if (to == null) {
            return new Backup.IntoDirectory(home.resolve("backups"));
        }
        String name = to.getFileName() == null ? "" : to.getFileName().toString();
        boolean file = !Files.isDirectory(to) && (name.endsWith(".tar.gz") || name.endsWith(".tar.gz.pgp"));
        return file ? new Backup.IntoFile(to) : new Backup.IntoDirectory(to);
    }

    static void report(PrintWriter out, Backup.Result result) {
        out.println((result.full() ? "full backup: " : "incremental backup: ") + result.archive());
        out.printf("  %d files stored (%s), %d unchanged referenced, %d directories%s%n", result.stored(),
                size(result.bytes()), result.referenced(), result.directories(),
                result.vanished() == 0 ? "" : ", " + result.vanished() + " deleted while the backup ran");
        result.problems().forEach(problem -> out.println("  warning: " + problem));
    }

    private int verify(PrintWriter out) {
        try {
            Verification.Report report = Verification.verify(verify, secretKey.opener(), Limits.DEFAULT);
            if (report.problems().isEmpty()) {
                out.println("OK: " + verify.getFileName() + " (" + report.files() + " files, chain "
                        + String.join(" <- ", report.archives()) + ")");
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            report.problems().forEach(problem -> err.println("toaster: " + problem));
            err.println("toaster: " + verify.getFileName() + " is NOT good: " + report.problems().size()
                    + " problem(s)");
            err.flush();
            return 1;
        } catch (IOException e) {
            return fail(spec, "cannot verify " + verify + ": " + e.getMessage());
        }
    }

    static String size(long bytes) {
        return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
