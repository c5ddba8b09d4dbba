package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner and the journal, with steps that are files: done when the file exists. */
class PlanTest {

    @TempDir
    Path root;
    private final StringWriter out = new StringWriter();
    private final List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A step whose state is a file; it can be told to fail after writing half of its work. */
    private final class FileStep implements Step {
        private final String name;
        private boolean failHalfway;
        private CountDownLatch meet;

        FileStep(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String describe() {
            return "file " + name;
        }

        @Override
        public boolean isDone() {
            return Files.exists(root.resolve(name));
        }

        @Override
        public void apply() throws IOException, StepException {
            applied.add(name);
            Files.writeString(root.resolve(name), "half");
            if (meet != null) {
                meet.countDown();
                try {
                    if (!meet.await(20, TimeUnit.SECONDS)) {
                        throw new StepException(name + " waited alone: the chains did not run at the same time");
                    }
                } catch (InterruptedException e) {
                    throw new StepException("interrupted", e);
                }
            }
            if (failHalfway) {
                throw new StepException(name + " failed half-way");
            }
            Files.writeString(root.resolve(name), "whole");
        }
    }

    @Test
    void previewChangesNothingAndSaysWhatIsToDo() throws Exception {
        Files.writeString(root.resolve("a"), "whole");
        Plan plan = new Plan(List.of(new FileStep("a"), new FileStep("b")), new PrintWriter(out, true));
        assertEquals(1, plan.preview());
        assertTrue(out.toString().contains("  ok     file a\n  to do  file b\n"), out.toString());
        assertEquals(List.of("a"), Files.list(root).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void anInterruptedStepIsAppliedAgainEvenIfItsCheckLooksDone() throws Exception {
        FileStep b = new FileStep("b");
        b.failHalfway = true;
        Plan first = new Plan(List.of(new FileStep("a"), b, new FileStep("c")), new PrintWriter(out, true));
        try (Journal journal = Journal.open(root)) {
            assertThrows(StepException.class, () -> first.apply(journal));
        }
        assertEquals("start a\ndone a\nstart b\n", Files.readString(root.resolve(Journal.FILE)));
        assertEquals("half", Files.readString(root.resolve("b")), "b's check now says done, but b is half");

        applied.clear();
        out.getBuffer().setLength(0);
        Plan second = new Plan(List.of(new FileStep("a"), new FileStep("b"), new FileStep("c")), new PrintWriter(out, true));
        try (Journal journal = Journal.open(root)) {
            assertEquals(2, second.apply(journal));
        }
        assertEquals(List.of("b", "c"), applied);
        assertTrue(out.toString().startsWith("resuming an interrupted run\n"), out.toString());
        assertTrue(out.toString().contains("doing  file b (again: it was interrupted)"), out.toString());
        assertEquals("whole", Files.readString(root.resolve("b")));

        applied.clear();
        try (Journal journal = Journal.open(root)) {
            assertEquals(0, second.apply(journal), "a complete journal starts over; everything is done");
        }
        assertEquals("complete\n", Files.readString(root.resolve(Journal.FILE)));
    }

    @Test
    void aResumedRunRemovesWhatAKilledWriteLeftAndAFreshRunDoesNot() throws Exception {
        Files.createDirectories(root.resolve("control"));
        Path leftover = Files.writeString(root.resolve("control/.me.8104565327483184317.tmp"), "half");
        Files.writeString(root.resolve(Journal.FILE), "complete\n");
        try (Journal journal = Journal.open(root)) {
            assertTrue(Files.exists(leftover), "a complete last run: nothing was killed, nothing is swept");
        }
        Files.writeString(root.resolve(Journal.FILE), "start control-files\n");
        try (Journal journal = Journal.open(root)) {
            assertTrue(journal.resumed());
            assertTrue(!Files.exists(leftover), "the step is run again; its half-written temporary file goes");
        }
    }

    @Test
    void aDamagedJournalIsReadAsFarAsItMakesSense() throws Exception {
        Files.writeString(root.resolve(Journal.FILE), "start a\n\0garbage\nstart \ndone zz\n" + "x".repeat(10_000));
        try (Journal journal = Journal.open(root)) {
            assertTrue(journal.resumed());
            assertTrue(journal.interrupted("a"));
            assertTrue(!journal.interrupted("zz"));
        }
    }

    @Test
    void chainsRunAtTheSameTimeEachInOrderAndEachStepJournaled() throws Exception {
        CountDownLatch meet = new CountDownLatch(2);
        FileStep cert = new FileStep("cert");
        FileStep wiki = new FileStep("wiki");
        cert.meet = meet;
        wiki.meet = meet;                         // each waits for the other: only concurrent chains get past
        Plan plan = new Plan(List.of(new FileStep("first"), new Concurrently(List.of(List.of(cert),
                List.of(new FileStep("domain"), new FileStep("mailbox")), List.of(wiki))), new FileStep("last")),
                new PrintWriter(out, true));
        assertEquals(6, plan.preview(), "the plan shows every step of every chain");
        try (Journal journal = Journal.open(root)) {
            assertEquals(6, plan.apply(journal));
        }
        assertEquals("first", applied.getFirst());
        assertEquals("last", applied.getLast());
        assertTrue(applied.indexOf("domain") < applied.indexOf("mailbox"), applied.toString());
        List<String> journal = Files.readAllLines(root.resolve(Journal.FILE));
        for (String step : List.of("first", "cert", "domain", "mailbox", "wiki", "last")) {
            assertTrue(journal.indexOf("start " + step) < journal.indexOf("done " + step), journal.toString());
        }
        assertEquals("complete", journal.getLast());
    }

    @Test
    void aFailedChainLetsTheOthersFinishAndTheNextRunResumesIt() throws Exception {
        FileStep domain = new FileStep("domain");
        domain.failHalfway = true;
        Plan first = new Plan(List.of(new Concurrently(List.of(List.of(domain, new FileStep("mailbox")),
                List.of(new FileStep("wiki")))), new FileStep("last")), new PrintWriter(out, true));
        try (Journal journal = Journal.open(root)) {
            StepException failure = assertThrows(StepException.class, () -> first.apply(journal));
            assertEquals("domain failed half-way", failure.getMessage());
        }
        assertEquals("whole", Files.readString(root.resolve("wiki")), "the other chain finished");
        assertTrue(!Files.exists(root.resolve("mailbox")) && !Files.exists(root.resolve("last")));

        applied.clear();
        Plan second = new Plan(List.of(new Concurrently(List.of(List.of(new FileStep("domain"),
                new FileStep("mailbox")), List.of(new FileStep("wiki")))), new FileStep("last")),
                new PrintWriter(out, true));
        try (Journal journal = Journal.open(root)) {
            assertEquals(3, second.apply(journal));
        }
        assertEquals(List.of("domain", "mailbox", "last"), applied, "the half-done domain again, wiki not");
    }
}
