package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.plan.Plan;

/**
 * The import report: every step with what happened to it and every item skipped with its reason, then the counts.
 * Written to {@code var/import/qmail-YYYYMMDD-HHMMSS.report}, mode 0600: it names every user and address.
 */
public record Report(List<Applier.Result> results, List<Skipped> skipped) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public Report {
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }

    public static Report of(List<Applier.Result> results, Plan plan) {
        return new Report(results, plan.skipped());
    }

    public long count(Applier.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** One line: imported, already there, failed and skipped counts. */
    public String summary() {
        return count(Applier.Status.IMPORTED) + " imported, " + count(Applier.Status.ALREADY_THERE)
                + " already there, " + count(Applier.Status.FAILED) + " failed, " + skipped.size() + " skipped";
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Applier.Result result : results) {
            String head = switch (result.status()) {
                case IMPORTED -> "imported: ";
                case ALREADY_THERE -> "already there: ";
                case FAILED -> "FAILED: ";
            };
            out.add(head + result.step().describe() + (result.detail().isEmpty() ? "" : ": " + result.detail()));
        }
        skipped.forEach(item -> out.add("skipped: " + item.what() + ": " + item.reason()));
        out.add(summary());
        return out;
    }

    /** Writes the report under {@code PREFIX/var/import/}, never over an earlier one; returns its path. */
    public Path write(Path prefix, ZonedDateTime now, Handover handover) throws IOException {
        Path dir = prefix.resolve("var").resolve("import");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                AtomicFile.createDirectory(dir.getParent(), "rwxr-xr-x", handover);
            }
            AtomicFile.createDirectory(dir, "rwx------", handover);
        }
        String base = "qmail-" + STAMP.format(now);
        Path file = dir.resolve(base + ".report");
        for (int n = 2; Files.exists(file, LinkOption.NOFOLLOW_LINKS); n++) {
            file = dir.resolve(base + "-" + n + ".report");
        }
        AtomicFile.write(file, String.join("\n", lines()) + "\n", "rw-------", handover);
        return file;
    }
}
