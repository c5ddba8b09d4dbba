package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;
import static org.godshell.toaster.cli.QueueCommand.printable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.queue.QueueId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster queue flush|retry|delete}: requests to the delivery process. Each waits up to
 * {@link #WAIT} for the process to take the request and says whether it did; a request nobody takes stays in
 * {@code queue/requests/} and is carried out when delivery starts.
 */
final class QueueRequestCommands {

    static final Duration WAIT = Duration.ofSeconds(5);

    private QueueRequestCommands() {
    }

    static int submit(CommandSpec spec, Path prefix, Requests.Request request, String done) {
        if (!Files.isDirectory(prefix.resolve("queue/mess"))) {
            return fail(spec, "no queue in " + prefix.resolve("queue") + " (has toaster smtpd ever run here?)");
        }
        try {
            Requests requests = Requests.open(prefix.resolve("queue"), Owners.of(prefix)::handOver);
            requests.submit(request);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (requests.waiting(request) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (requests.waiting(request)) {
                spec.commandLine().getOut().println("no delivery process took the request within "
                        + WAIT.toSeconds() + "s (is toaster smtpd running?); it waits in " + prefix.resolve(
                        "queue/requests") + " and is carried out when delivery starts");
            } else {
                spec.commandLine().getOut().println(done);
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            return fail(spec, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(spec, "interrupted");
        }
    }

    static QueueId id(CommandSpec spec, String text) {
        if (!QueueId.isValid(text)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "not a queue id: " + printable(text) + " (see toaster queue list)");
        }
        return new QueueId(text);
    }

    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = "Try every waiting message now, whatever its retry time.")
    static final class Flush implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Override
        public Integer call() {
            return submit(spec, prefix.prefix(), new Requests.Request.Flush(),
                    "delivery is trying every waiting message now; see toaster queue list");
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Try one message now.")
    static final class Retry implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "ID", description = "The queue id, as toaster queue list shows it.")
        private String id;

        @Override
        public Integer call() {
            QueueId queueId = id(spec, id);
            return submit(spec, prefix.prefix(), new Requests.Request.Retry(queueId),
                    "delivery is trying " + queueId + " now; see toaster queue show " + queueId);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove one message from the queue without delivering it and without a bounce.")
    static final class Delete implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "ID", description = "The queue id, as toaster queue list shows it.")
        private String id;

        @Override
        public Integer call() {
            QueueId queueId = id(spec, id);
            return submit(spec, prefix.prefix(), new Requests.Request.Delete(queueId),
                    "delivery is deleting " + queueId + " (no bounce is sent)");
        }
    }
}
