package org.godshell.toaster.tlsrpt.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily job: which days are due, that a restart never sends a day twice, and that old files go. */
class DailyReportsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T00:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path prefix;

    private DailyReports job(Fixture fixture, List<String> log) {
        return new DailyReports(fixture.reporter, fixture.files, ReportState.in(fixture.files.dir()), CLOCK,
                new Random(1), log::add);
    }

    @Test
    void aRestartNeverSendsADayTwice() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            fixture.write(TODAY.minusDays(1), List.of(Results.ok(AppliedPolicy.none("example.net"))));
            fixture.write(TODAY, List.of(Results.ok(AppliedPolicy.none("example.net"))));
            fixture.dns.txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:tlsrpt@example.net");
            List<String> log = new ArrayList<>();
            job(fixture, log).runDue();
            assertEquals(1, fixture.queue.list().size(), log.toString());
            assertEquals(Optional.of(TODAY.minusDays(1)), ReportState.in(fixture.files.dir()).last(log::add));

            job(fixture, log).runDue();                        // the daemon restarted: a new job, the same state
            assertEquals(1, fixture.queue.list().size(), log.toString());
            assertEquals(List.of(), job(fixture, log).due(TODAY));
        }
    }

    @Test
    void withoutStateOnlyYesterdayIsDueAndWithStateEveryMissedDay() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            for (int back = 0; back <= 4; back++) {
                fixture.write(TODAY.minusDays(back), List.of(Results.ok(AppliedPolicy.none("example.net"))));
            }
            List<String> log = new ArrayList<>();
            DailyReports job = job(fixture, log);
            assertEquals(List.of(TODAY.minusDays(1)), job.due(TODAY));
            ReportState.in(fixture.files.dir()).note(TODAY.minusDays(4), log::add);
            assertEquals(List.of(TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1)), job.due(TODAY));
            ReportState.in(fixture.files.dir()).note(TODAY.minusDays(5), log::add);   // never goes back
            assertEquals(3, job.due(TODAY).size());
        }
    }

    @Test
    void aStateFileThatIsNotADateIsLoggedAndActsAsNone() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            fixture.write(TODAY.minusDays(2), List.of(Results.ok(AppliedPolicy.none("example.net"))));
            fixture.write(TODAY.minusDays(1), List.of(Results.ok(AppliedPolicy.none("example.net"))));
            Files.writeString(fixture.files.dir().resolve(ReportState.NAME), "yesterday\n");
            List<String> log = new ArrayList<>();
            assertEquals(List.of(TODAY.minusDays(1)), job(fixture, log).due(TODAY));
            assertTrue(log.get(0).contains("is not a date"), log.toString());
        }
    }

    @Test
    void dayFilesOlderThanTheRetentionAreDeleted() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            LocalDate old = TODAY.minusDays(DailyReports.RETENTION_DAYS + 1);
            LocalDate kept = TODAY.minusDays(DailyReports.RETENTION_DAYS);
            fixture.write(old, List.of(Results.ok(AppliedPolicy.none("example.net"))));
            fixture.write(kept, List.of(Results.ok(AppliedPolicy.none("example.net"))));
            ReportState.in(fixture.files.dir()).note(TODAY.minusDays(1), line -> { });
            job(fixture, new ArrayList<>()).runDue();
            assertEquals(List.of(kept), fixture.files.days());
        }
    }

    @Test
    void theRunIsSpreadOverTheFirstHourAndADaemonStartedLaterSendsAtOnce() {
        Instant midnight = Instant.parse("2026-03-15T00:00:00Z");
        Duration delay = Duration.ofMinutes(37);
        assertEquals(midnight.plus(delay), DailyReports.next(midnight.plusSeconds(5), delay, true));
        Instant noon = Instant.parse("2026-03-15T12:00:00Z");
        assertEquals(noon, DailyReports.next(noon, delay, true));
        assertEquals(midnight.plus(Duration.ofDays(1)).plus(delay), DailyReports.next(noon, delay, false));
    }
}
