package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.Progress;
import org.godshell.toaster.deliver.ProgressStore;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code toaster queue} on a temp prefix with real queue files, no delivery process running. */
class QueueCommandTest {

    @TempDir
    Path prefix;

    private StringWriter out;
    private StringWriter err;
    private QueueId id;

    @BeforeEach
    void queueWithOneDeferredMessage() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        Envelope envelope = new Envelope("sender@example.org", List.of("a@example.net", "evil\u001b[2J@example.com"),
                "client.example.org", "192.0.2.7", null, Instant.now().minusSeconds(7300));
        try (Queue queue = Queue.open(prefix.resolve("queue")); Intake intake = queue.begin(envelope)) {
            intake.body().write("Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            id = intake.commit();
        }
        Progress progress = Progress.fresh(envelope.recipients(), Instant.now()).after(Map.of(
                0, new Outcome.Delivered("ok"),
                1, new Outcome.Deferred(Diagnosis.remote("4.2.2", "mailbox full", "mx.example.com",
                        "452 4.2.2 over quota"))), Instant.now().plusSeconds(600));
        ProgressStore.open(prefix.resolve("queue")).save(id, progress);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void listShowsAgeSizeWaitingAndTheLastProblem() {
        assertEquals(0, run("queue", "list"), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith(id.value() + "   2h01m      24B"), text);
        assertTrue(text.contains("<sender@example.org>  1/2 waiting  next in 9m  4.2.2 mailbox full"), text);
        assertTrue(text.endsWith("1 message(s) in the queue\n"), text);
    }

    @Test
    void showGivesEveryRecipientAndNeverEchoesControlCharacters() {
        assertEquals(0, run("queue", "show", id.value()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("recipient: <a@example.net> delivered"), text);
        assertTrue(text.contains("recipient: <evil?[2J@example.com> pending: 4.2.2 mailbox full "
                + "(mx.example.com said: 452 4.2.2 over quota)"), text);
        assertFalse(text.contains("\u001b"), text);
    }

    @Test
    void statsCountsMessagesAndWaitingRecipients() {
        assertEquals(0, run("queue", "stats"), err.toString());
        assertTrue(out.toString().contains("messages:   1 (1 tried at least once)"), out.toString());
        assertTrue(out.toString().contains("recipients: 1 waiting"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "retry", "delete"})
    void badIdsAreRefusedClearly(String verb) {
        assertTrue(run("queue", verb, "../../etc/passwd") != 0);
        assertTrue(err.toString().contains("not a queue id: ../../etc/passwd"), err.toString());
        assertTrue(run("queue", verb, "x\u001b[31m") != 0);
        assertFalse(err.toString().contains("\u001b"), err.toString());
    }

    @Test
    void anUnknownIdIsReportedNotCrashed() {
        assertEquals(1, run("queue", "show", "1m8bz91g7000928r"));
        assertTrue(err.toString().contains("no message 1m8bz91g7000928r in the queue"), err.toString());
    }

    @Test
    void aRequestNobodyTakesWaitsAndSaysSo() {
        assertEquals(0, run("queue", "retry", id.value()), err.toString());
        assertTrue(out.toString().contains("no delivery process took the request"), out.toString());
        assertTrue(Files.exists(prefix.resolve("queue/requests/retry." + id.value())));
    }
}
