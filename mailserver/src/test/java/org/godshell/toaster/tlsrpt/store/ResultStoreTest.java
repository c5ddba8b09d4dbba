package org.godshell.toaster.tlsrpt.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.Results;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store of a running toaster: one writer, many recorders, and a reader that skips what it cannot read. */
class ResultStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path prefix;

    private static List<SessionResult> readAll(Path file, long[] malformed) throws Exception {
        List<SessionResult> read = new ArrayList<>();
        malformed[0] = DayReader.read(file, read::add).malformed();
        return read;
    }

    @Test
    void concurrentRecordersLoseNothingAndLinesNeverInterleave() throws Exception {
        DayFiles files = DayFiles.under(prefix);
        List<String> log = new CopyOnWriteArrayList<>();
        int threads = 8;
        int each = 500;
        try (ResultStore store = ResultStore.start(files, CLOCK, log::add);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String domain = "d" + t + ".example";
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.record(i % 2 == 0 ? Results.ok(Results.sts(domain))
                                : Results.failed(Results.sts(domain), ResultType.CERTIFICATE_EXPIRED,
                                "mx" + i + ".mail." + domain, "192.0.2." + (i % 250), "expired\ton " + i));
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES));
            store.flush();
        }
        long[] malformed = new long[1];
        List<SessionResult> read = readAll(files.file(DAY), malformed);
        assertEquals(threads * each, read.size());
        assertEquals(0, malformed[0]);
        assertEquals(List.of(DAY), files.days());
        assertEquals(List.of(), log);
    }

    @Test
    void aRestartAppendsAndATornLastLineCostsOnlyItself() throws Exception {
        DayFiles files = DayFiles.under(prefix);
        SessionResult first = Results.ok(AppliedPolicy.none("example.org"));
        try (ResultStore store = ResultStore.start(files, CLOCK, line -> { })) {
            store.record(first);
        }
        // A crash in the middle of a write: the last line has no end.
        Files.writeString(files.file(DAY), "1\tsts\texam", StandardOpenOption.APPEND);
        try (ResultStore store = ResultStore.start(files, CLOCK, line -> { })) {
            store.record(first);
        }
        long[] malformed = new long[1];
        assertEquals(List.of(first, first), readAll(files.file(DAY), malformed));
        assertEquals(1, malformed[0]);
    }

    @Test
    void theReaderSkipsAndCountsWhatIsNotALine() throws Exception {
        String good = ResultLine.encode(Results.ok(Results.sts("example.net")));
        String text = good + "\n" + "garbage\n" + "\n" + "1\tsts\t" + "x".repeat(ResultLine.MAX_LENGTH + 10)
                + "\t\t\tok\n" + good + "\n" + "\u00ff\u0000\n" + good;     // the last one has no line end
        List<SessionResult> read = new ArrayList<>();
        DayReader.Counts counts = DayReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                read::add);
        assertEquals(new DayReader.Counts(2, 4), counts);
        assertEquals(2, read.size());
    }

    @Test
    void aDiskThatRefusesIsLoggedOnceAndRecordNeverThrows() throws Exception {
        Files.createDirectories(prefix.resolve("var"));
        Files.writeString(prefix.resolve("var").resolve("tlsrpt"), "a file where the directory should be");
        List<String> log = new CopyOnWriteArrayList<>();
        try (ResultStore store = ResultStore.start(DayFiles.under(prefix), CLOCK, log::add)) {
            for (int i = 0; i < 3; i++) {
                store.record(Results.ok(Results.sts("example.net")));
                store.flush();
            }
        }
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("dropping session results"), log.get(0));
    }

    @Test
    void aClosedStoreDropsQuietlyAfterOneLine() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        ResultStore store = ResultStore.start(DayFiles.under(prefix), CLOCK, log::add);
        store.close();
        store.record(Results.ok(Results.sts("example.net")));
        store.record(Results.ok(Results.sts("example.net")));
        store.close();
        assertEquals(1, log.size(), log.toString());
    }

    @Test
    void onlyDateNamesAreDayFilesAndOldOnesGo() throws Exception {
        DayFiles files = DayFiles.under(prefix);
        Files.createDirectories(files.dir());
        for (String name : List.of("2026-03-01", "2026-03-10", "2026-03-14", "last-reported", "2026-3-1",
                "2026-02-30", "notes.txt")) {
            Files.writeString(files.dir().resolve(name), "");
        }
        assertEquals(List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10), DAY), files.days());
        assertEquals(1, files.deleteBefore(LocalDate.of(2026, 3, 7)));
        assertEquals(List.of(LocalDate.of(2026, 3, 10), DAY), files.days());
        assertTrue(Files.exists(files.dir().resolve("last-reported")));
    }
}
