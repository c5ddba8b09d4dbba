package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.qmailimport.apply.Applier;
import org.godshell.toaster.qmailimport.apply.MailboxMover;
import org.godshell.toaster.qmailimport.apply.Report;
import org.godshell.toaster.qmailimport.apply.ToasterStateReader;
import org.godshell.toaster.qmailimport.oldhost.OldToaster;
import org.godshell.toaster.qmailimport.oldhost.OldToasterReader;
import org.godshell.toaster.qmailimport.plan.Action;
import org.godshell.toaster.qmailimport.plan.Plan;
import org.godshell.toaster.qmailimport.plan.Planner;
import org.godshell.toaster.qmailimport.plan.Step;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster import qmail}: take over a qmail/vpopmail toaster (wiki: Moving from a qmail toaster). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Take over another mail server: qmail (qmail with vpopmail).",
        subcommands = {ImportCommand.Qmail.class})
final class ImportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "qmail", mixinStandardHelpOptions = true, description = "Import a qmail/vpopmail toaster's "
            + "domains, users (with their password hashes), mail, aliases, control files and tcp.smtp rules. The "
            + "old trees are only read. A rerun adds only what is missing.")
    static final class Qmail implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Option(names = "--qmail", paramLabel = "DIR", defaultValue = "/var/qmail",
                description = "qmail's home on the old host (control/, users/assign); default ${DEFAULT-VALUE}.")
        private Path qmail;
        @Option(names = "--vpopmail", paramLabel = "DIR", defaultValue = "/home/vpopmail",
                description = "vpopmail's home (domains/); default ${DEFAULT-VALUE}.")
        private Path vpopmail;
        @Option(names = "--tcp-rules", paramLabel = "FILE", defaultValue = "/etc/tcp.smtp",
                description = "The tcprules source of tcp.smtp.cdb; default ${DEFAULT-VALUE}.")
        private Path tcpRules;
        @Option(names = "--valias", paramLabel = "FILE",
                description = "A dump of valias -s DOMAIN (alias@domain -> target lines); may be repeated.")
        private List<Path> valias = new ArrayList<>();
        @Option(names = "--mail", paramLabel = "HOW", defaultValue = "copy",
                description = "How Maildirs come over: move, link (hard links, same file system) or copy "
                        + "(default).")
        private String mail;
        @Option(names = "--dry-run", description = "Print the plan and write nothing anywhere.")
        private boolean dryRun;
        @Option(names = "--rehash-passwords", description = "Turn control/passwordrehash on: an imported DES, "
                + "MD5 or SHA256 crypt hash is replaced by a SHA512-CRYPT one at the user's next login.")
        private boolean rehashPasswords;

        @Override
        public Integer call() {
            MailboxMover.Mode mode;
            try {
                mode = MailboxMover.Mode.valueOf(mail.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return DomainCommand.fail(spec, "unknown --mail " + mail + ": use move, link or copy");
            }
            for (Path dir : List.of(qmail, vpopmail)) {
                if (!Files.isDirectory(dir)) {
                    return DomainCommand.fail(spec, dir + " is not a directory: give the old host's tree with"
                            + " --qmail DIR and --vpopmail DIR (copied or mounted here)");
                }
            }
            Path home = prefix.prefix();
            PrintWriter out = spec.commandLine().getOut();
            try {
                UserStore store = UserStore.open(home);
                OldToaster old = new OldToasterReader(qmail, vpopmail, tcpRules, valias).read();
                Plan plan = Planner.plan(old, ToasterStateReader.read(home, store, old), home.resolve("domains"));
                Handover handover = Owners.of(home)::handOver;
                MailboxMover mover = new MaildirMover(handover);
                if (dryRun) {
                    plan.lines().forEach(out::println);
                    for (Step step : plan.steps()) {
                        if (step.action() instanceof Action.CarryMail(String address, Path from, Path to)) {
                            out.println("mail of " + address + ": " + describe(mover, from, to, mode));
                        }
                    }
                    out.println("dry run: nothing written");
                    return 0;
                }
                if (rehashPasswords) {
                    AtomicFile.write(home.resolve("control").resolve("passwordrehash"), "yes\n", "rw-r--r--",
                            handover);
                    out.println("control/passwordrehash: yes (old hashes become SHA512-CRYPT at each user's next login)");
                }
                Report report = Report.of(new Applier(home, store, mover, mode, handover).apply(plan), plan);
                Path file = report.write(home, ZonedDateTime.now(), handover);
                out.println(report.summary());
                out.println("report: " + file);
                return report.count(Applier.Status.FAILED) == 0 ? 0 : 1;
            } catch (IOException | UserStoreException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }

        private static String describe(MailboxMover mover, Path from, Path to, MailboxMover.Mode mode) {
            try {
                MailboxMover.Outcome outcome = mover.plan(from, to, mode);
                StringBuilder text = new StringBuilder(outcome.messages() + " message(s), " + outcome.folders()
                        + " folder(s) to " + mode.name().toLowerCase(java.util.Locale.ROOT));
                outcome.problems().forEach(problem -> text.append("\n  left out: ").append(problem));
                return text.toString();
            } catch (IOException e) {
                return e.getMessage();
            }
        }
    }
}
