package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.godshell.toaster.backup.Limits;
import org.godshell.toaster.backup.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toaster restore FILE}: the state an archive (and its chain) recorded, put back into the prefix. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore an archive of toaster backup (and the archives it builds on, from its directory) "
                + "into this toaster, the services stopped; the current state is moved to PREFIX/restore-old-TIME/.")
final class RestoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private PrefixOption prefix;

    @Mixin
    private SecretKeyOptions secretKey;

    @Parameters(paramLabel = "FILE", description = "The archive: a full backup, or an increment with its chain "
            + "beside it.")
    private Path archive;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path home = prefix.prefix();
            Restore.Result result = new Restore(home, secretKey.opener(), Limits.DEFAULT, Clock.systemUTC()).run(archive);
            out.println("restored from " + String.join(" + ", result.archives()));
            out.println("  replaced: " + String.join(" ", result.areas()));
            result.notes().forEach(note -> out.println("  " + note));
            if (result.movedAside() != null) {
                out.println("the state it replaced is in " + result.movedAside() + " (delete it once all is well)");
            }
            out.println("next: start the services: systemctl start toaster-smtpd toaster-pop3d toaster-wiki "
                    + "(or: toaster start); the wiki builds its site from the restored repository as it starts");
            out.flush();
            return 0;
        } catch (IOException e) {
            return fail(spec, "restore: " + e.getMessage());
        }
    }
}
