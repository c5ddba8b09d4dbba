package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.godshell.toaster.layout.Daemons;
import org.godshell.toaster.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster start|stop|status [DAEMON...]}: the daemons without systemd ({@link Supervisor}). Exit codes as
 * LSB init scripts: 0 done (status: all running), 1 failed, 2 bad arguments, 3 (status) some not running.
 */
final class SuperviseCommands {

    private SuperviseCommands() {
    }

    /** What the three share: the prefix, which daemons, and printing outcomes. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PrefixOption prefix;

        @Parameters(paramLabel = "DAEMON", arity = "0..*",
                description = "smtpd, pop3d, wiki (default: all three).")
        List<String> daemons;

        @Override
        public Integer call() {
            List<String> chosen = daemons == null || daemons.isEmpty() ? Daemons.ALL : daemons;
            for (String daemon : chosen) {
                if (!Daemons.ALL.contains(daemon)) {
                    spec.commandLine().getErr().println("toaster " + spec.name() + ": unknown daemon \""
                            + daemon.replaceAll("\\p{Cntrl}", "?") + "\": use "
                            + String.join(", ", Daemons.ALL));
                    return 2;
                }
            }
            try {
                Path root = prefix.prefix().toRealPath();
                Path java = ProcessHandle.current().info().command().map(Path::of)
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
                Supervisor supervisor = new Supervisor(root, java);
                int code = 0;
                for (Supervisor.Outcome outcome : outcomes(supervisor, chosen.stream().distinct().toList())) {
                    spec.commandLine().getOut().println(outcome.line());
                    code = Math.max(code, exit(outcome));
                }
                return code;
            } catch (ExecutionException e) {
                spec.commandLine().getErr().println("toaster " + spec.name() + ": " + e.getCause().getMessage());
                return 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("toaster " + spec.name() + ": " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        abstract Supervisor.Outcome act(Supervisor supervisor, String daemon) throws IOException, InterruptedException;

        /**
         * Each daemon's outcome, in the order given. The daemons are independent (each its own pid file, log and
         * ports), so they are started and stopped at the same time, one virtual thread each: a start waits for
         * the slowest daemon to listen rather than for all of them in turn.
         */
        private List<Supervisor.Outcome> outcomes(Supervisor supervisor, List<String> chosen)
                throws InterruptedException, ExecutionException {
            List<Future<Supervisor.Outcome>> futures = new ArrayList<>();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String daemon : chosen) {
                    futures.add(executor.submit(() -> act(supervisor, daemon)));
                }
            }
            List<Supervisor.Outcome> outcomes = new ArrayList<>();
            for (Future<Supervisor.Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }

        int exit(Supervisor.Outcome outcome) {
            return outcome instanceof Supervisor.Failed ? 1 : 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start smtpd, pop3d and the wiki in the background (hosts without systemd), all at once: "
                    + "pid files in run/, output in log/NAME.log. Waits until each listens; a daemon already running "
                    + "is left alone.")
    static final class Start extends Base {
        @Option(names = "--user", paramLabel = "USER",
                description = "Run the daemons as USER (started as root: setpriv drops to USER, keeping only the "
                        + "right to bind ports below 1024). The installer uses --user toaster.")
        String user;

        @Override
        public Integer call() {
            if (user != null && !Supervisor.validUser(user)) {
                spec.commandLine().getErr().println("toaster start: --user \"" + user.replaceAll("\\p{Cntrl}", "?")
                        + "\" is not a user name (lower-case letters, digits, _ and -)");
                return 2;
            }
            return super.call();
        }

        @Override
        Supervisor.Outcome act(Supervisor supervisor, String daemon) throws IOException, InterruptedException {
            return supervisor.start(daemon, Optional.ofNullable(user));
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the daemons that toaster start started (SIGTERM: they finish what they are doing; "
                    + "after 20 s, SIGKILL).")
    static final class Stop extends Base {
        @Override
        Supervisor.Outcome act(Supervisor supervisor, String daemon) throws IOException, InterruptedException {
            return supervisor.stop(daemon);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the daemons that toaster start started are running; exit 3 if one is not.")
    static final class Status extends Base {
        @Override
        Supervisor.Outcome act(Supervisor supervisor, String daemon) throws IOException {
            return supervisor.status(daemon);
        }

        @Override
        int exit(Supervisor.Outcome outcome) {
            return outcome instanceof Supervisor.NotRunning ? 3 : 0;
        }
    }
}
