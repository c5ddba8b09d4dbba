package org.godshell.toaster.tlsrpt.send;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.godshell.toaster.tlsrpt.record.RecordLookup;
import org.godshell.toaster.tlsrpt.record.ReportUri;
import org.godshell.toaster.tlsrpt.report.DayTally;
import org.godshell.toaster.tlsrpt.report.ReportFile;
import org.godshell.toaster.tlsrpt.report.ReportHeader;
import org.godshell.toaster.tlsrpt.store.DayFiles;
import org.godshell.toaster.tlsrpt.store.DayReader;

/**
 * Makes and sends one day's reports (RFC 8460 §4, §5): reads the day file, counts it per policy domain, and for
 * each domain that is not ours and publishes a valid TLSRPT record, sends the report to every rua. A domain
 * without a record, with several or a broken one, or whose lookup fails gets nothing that day (§3); one that is
 * ours is skipped, since reporting to ourselves tells us nothing the log does not. Every decision is one line.
 */
public final class Reporter {

    /** What a run did, for the command's exit code and the tests. */
    public record Summary(int domains, int reports, int sent, int failed) {}

    private final DayFiles files;
    private final RecordLookup lookup;
    private final Predicate<String> ours;
    private final Supplier<String> me;
    private final Outbox outbox;

    /**
     * @param ours whether a (lower-case, A-label) domain is one of ours
     * @param me   this host's name, asked for at each run so that an edit of {@code control/me} applies
     */
    public Reporter(DayFiles files, RecordLookup lookup, Predicate<String> ours, Supplier<String> me,
            Outbox outbox) {
        this.files = files;
        this.lookup = lookup;
        this.ours = ours;
        this.me = me;
        this.outbox = outbox;
    }

    /**
     * Sends {@code day}'s reports, or with {@code dryRun} only says what it would send and prints each report's
     * JSON; {@code out} gets one line per decision.
     */
    public Summary run(LocalDate day, boolean dryRun, Consumer<String> out) throws IOException {
        DayTally tally = new DayTally();
        DayReader.Counts counts = DayReader.read(files.file(day), tally::add);
        out.accept("tlsrpt " + day + ": " + counts.results() + " session result(s) for "
                + tally.domains().size() + " domain(s)" + (counts.malformed() == 0 ? ""
                : ", " + counts.malformed() + " malformed line(s) skipped in " + files.file(day)));
        int reports = 0;
        int sent = 0;
        int failed = 0;
        for (String domain : tally.domains()) {
            if (ours.test(domain)) {
                out.accept("tlsrpt " + day + " " + domain + ": one of our own domains, no report");
                continue;
            }
            List<ReportUri> rua = switch (lookup.find(domain)) {
                case RecordLookup.Found.Published published -> published.record().rua();
                case RecordLookup.Found.None none -> {
                    out.accept("tlsrpt " + day + " " + domain + ": no report: " + none.why());
                    yield List.of();
                }
                case RecordLookup.Found.Temporary temporary -> {
                    out.accept("tlsrpt " + day + " " + domain + ": no report, DNS failed: " + temporary.why());
                    yield List.of();
                }
            };
            if (rua.isEmpty()) {
                continue;
            }
            ReportFile report = ReportFile.of(new ReportHeader(me.get(), domain, day), tally.policies(domain));
            if (report.tooLarge()) {
                out.accept("tlsrpt " + day + " " + domain + ": no report, " + report.gzip().length
                        + " bytes gzipped is over the limit of " + ReportFile.MAX_GZIP_BYTES);
                continue;
            }
            reports++;
            if (dryRun) {
                out.accept("tlsrpt " + day + " " + domain + ": would send " + report.header().fileName() + " ("
                        + report.gzip().length + " bytes) to " + String.join(", ",
                        rua.stream().map(ReportUri::toString).toList()));
                out.accept(report.json());
                continue;
            }
            for (ReportUri to : rua) {
                try {
                    out.accept("tlsrpt " + day + " " + domain + ": " + outbox.send(report, to));
                    sent++;
                } catch (IOException e) {
                    out.accept("tlsrpt " + day + " " + domain + ": sending to " + to + " failed: "
                            + e.getMessage());
                    failed++;
                }
            }
        }
        return new Summary(tally.domains().size(), reports, sent, failed);
    }
}
