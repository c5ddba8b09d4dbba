package org.godshell.toaster.logline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dkim.PeerPrograms;

/**
 * Debian's {@code fail2ban-regex} run on a log file with a filter the distribution ships
 * (cli/src/dist/share/fail2ban/filter.d): how many lines it matched and missed, and the address of each match.
 * Missing, it skips the test with the package to install, except under CI=true, where it fails.
 */
public final class Fail2banRegex {

    public static final Path PROGRAM = Path.of("/usr/bin/fail2ban-regex");

    private static final Pattern LINES = Pattern.compile(
            "Lines: (\\d+) lines, (\\d+) ignored, (\\d+) matched, (\\d+) missed");

    private static final Pattern DATE_HITS = Pattern.compile("^\\|  \\[(\\d+)\\] ");

    /**
     * What fail2ban-regex said about a log: its counts, how many lines had a time its date patterns read (a line
     * without one is dropped by the fail2ban server), and the address of each matched line in order.
     */
    public record Result(int lines, int matched, int missed, int dated, List<String> addresses) {}

    private Fail2banRegex() {
    }

    public static void require() {
        PeerPrograms.require(PROGRAM, "fail2ban");
    }

    /** The shipped filter {@code name} (such as {@code toaster-smtpd}), from the module's directory. */
    public static Path filter(String name) {
        return Path.of("..", "cli", "src", "dist", "share", "fail2ban", "filter.d", name + ".conf").toAbsolutePath()
                .normalize();
    }

    /** Runs the filter over {@code log}: once for the summary, once for the matched addresses. */
    public static Result run(Path log, Path filter) throws Exception {
        List<String> summary = PeerPrograms.run(List.of(PROGRAM.toString(), "--print-no-missed", log.toString(),
                filter.toString()));
        Matcher counts = summary.stream().map(LINES::matcher).filter(Matcher::find).findFirst().orElse(null);
        assertTrue(counts != null, "no summary line from fail2ban-regex: " + summary);
        List<String> addresses = PeerPrograms.run(List.of(PROGRAM.toString(), "--out", "ip", log.toString(),
                filter.toString()));
        int dated = summary.stream().map(DATE_HITS::matcher).filter(Matcher::find)
                .mapToInt(hits -> Integer.parseInt(hits.group(1))).sum();
        return new Result(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(3)),
                Integer.parseInt(counts.group(4)), dated, addresses.stream().filter(line -> !line.isBlank()).toList());
    }
}
