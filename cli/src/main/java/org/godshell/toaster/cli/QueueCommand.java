package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.godshell.toaster.deliver.Progress;
import org.godshell.toaster.deliver.QueueView;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.queue.NoSuchMessageException;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster queue list|show|flush|retry|delete|stats}: what {@code mailq}, {@code postqueue} and qmHandle
 * do for Postfix and qmail. Reading needs nothing from the delivery process; flush, retry and delete are
 * requests it carries out within a second ({@link Requests}).
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "The mail queue: list, show ID, flush, retry ID, delete ID, stats.",
        subcommands = {QueueCommand.ListQueue.class, QueueCommand.Show.class, QueueRequestCommands.Flush.class,
            QueueRequestCommands.Retry.class, QueueRequestCommands.Delete.class, QueueCommand.Stats.class})
final class QueueCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the queue of the installation for reading, or fails with a message. */
    static Queue openQueue(Path prefix) throws IOException {
        return Queue.open(prefix.resolve("queue"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per message, oldest first: id, age, size, sender, recipients waiting, "
                    + "next attempt, last problem.")
    static final class ListQueue implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            try (Queue queue = openQueue(prefix.prefix())) {
                var entries = QueueView.open(prefix.prefix().resolve("queue"), queue).entries(now);
                for (QueueView.Entry entry : entries) {
                    Progress progress = entry.progress();
                    String last = progress.recipients().stream().filter(r -> r.status() == Progress.Status.PENDING)
                            .flatMap(r -> r.last().stream()).map(why -> why.status() + " " + why.text())
                            .findFirst().orElse("not tried yet");
                    out.printf("%s  %6s  %7s  <%s>  %d/%d waiting  next in %s  %s%n", entry.message().id(),
                            QueueView.age(Duration.between(entry.message().envelope().received(), now)),
                            QueueView.size(entry.message().size()), entry.message().envelope().sender(),
                            progress.pending().size(), progress.recipients().size(),
                            QueueView.age(Duration.between(now, progress.nextAttempt())), last);
                }
                out.println(entries.size() + " message(s) in the queue");
                out.flush();
                return 0;
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Everything about one message: envelope, each recipient's state and last problem.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "ID", description = "The queue id, as toaster queue list shows it.")
        private String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            if (!QueueId.isValid(id)) {
                return fail(spec, "not a queue id: " + printable(id) + " (see toaster queue list)");
            }
            try (Queue queue = openQueue(prefix.prefix())) {
                QueueView.Entry entry = QueueView.open(prefix.prefix().resolve("queue"), queue)
                        .entry(new QueueId(id), now);
                var envelope = entry.message().envelope();
                out.println("id:        " + entry.message().id());
                out.println("received:  " + envelope.received() + " ("
                        + QueueView.age(Duration.between(envelope.received(), now)) + " ago) from "
                        + printable(envelope.heloHost()) + " [" + envelope.clientAddress() + "]"
                        + (envelope.authenticatedUser() == null ? "" : " as " + printable(envelope.authenticatedUser())));
                out.println("size:      " + QueueView.size(entry.message().size()));
                out.println("sender:    <" + printable(envelope.sender()) + ">");
                out.println("attempts:  " + entry.progress().attempts() + ", next "
                        + (entry.progress().done() ? "none" : entry.progress().nextAttempt().toString()));
                entry.problem().ifPresent(problem -> out.println("warning:   " + problem));
                for (Progress.Recipient recipient : entry.progress().recipients()) {
                    out.println("recipient: <" + printable(recipient.address()) + "> "
                            + recipient.status().name().toLowerCase(java.util.Locale.ROOT)
                            + recipient.last().map(why -> ": " + why.status() + " " + why.text()
                                    + (why.remoteMta().isEmpty() ? "" : " (" + why.remoteMta() + " said: "
                                    + why.smtpReply() + ")")).orElse(""));
                }
                out.flush();
                return 0;
            } catch (NoSuchMessageException e) {
                return fail(spec, "no message " + id + " in the queue (delivered or deleted meanwhile?)");
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Messages, bytes, recipients waiting, the oldest message.")
    static final class Stats implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            try (Queue queue = openQueue(prefix.prefix())) {
                var entries = QueueView.open(prefix.prefix().resolve("queue"), queue).entries(now);
                long bytes = entries.stream().mapToLong(e -> e.message().size()).sum();
                long waiting = entries.stream().mapToLong(e -> e.progress().pending().size()).sum();
                long tried = entries.stream().filter(e -> e.progress().attempts() > 0).count();
                out.println("messages:   " + entries.size() + " (" + tried + " tried at least once)");
                out.println("size:       " + QueueView.size(bytes));
                out.println("recipients: " + waiting + " waiting");
                out.println("oldest:     " + (entries.isEmpty() ? "-" : QueueView.age(Duration.between(
                        entries.get(0).message().envelope().received(), now))));
                out.flush();
                return 0;
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    /** Client data for a terminal: control characters shown as {@code ?} so they cannot move the cursor. */
    static String printable(String value) {
        return value.replaceAll("[\\x00-\\x1f\\x7f\\x80-\\x9f]", "?");
    }
}
