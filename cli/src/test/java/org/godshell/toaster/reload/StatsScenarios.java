package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.godshell.toaster.cli.Toaster;

/** The daily report's address: the next {@code toaster stats --scheduled} mails to the edited one. */
final class StatsScenarios {

    private StatsScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("statsmailto", StatsScenarios::statsmailto);
    }

    private static String scheduled(Installation t, Path log) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "stats", "--scheduled",
                "--log", log.toString(), "--prefix", t.prefix.toString());
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /** Queued through the running delivery, which a report reaches at once (its retry request): each at its sink. */
    static void statsmailto(Installation t, Edits edits) throws Exception {
        Path log = Files.createTempFile("stats", ".log");
        edits.write("control/statsmailto", "first@stats.routed.test\n");
        assertTrue(scheduled(t, log).startsWith("stats queued for <first@stats.routed.test>"));
        Await.value("the first report at the relay", () -> t.main.delivered("first@stats.routed.test"));
        edits.write("control/statsmailto", "second@stats.routed.test\n");
        assertTrue(scheduled(t, log).startsWith("stats queued for <second@stats.routed.test>"));
        Await.value("the next report at the new address", () -> t.main.delivered("second@stats.routed.test"));
        Files.delete(log);
    }
}
