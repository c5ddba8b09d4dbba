package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** The files pop3d reads at each connection (me is in {@link SmtpScenarios#me}, which covers every daemon). */
final class Pop3Scenarios {

    private static final String GREETING = "+OK reload.test POP3 server ready";

    private Pop3Scenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("timeoutpop3d", Pop3Scenarios::timeoutpop3d,
                "concurrencypop3", (t, edits) -> limit(t, edits, "concurrencypop3"),
                "concurrencypop3perip", (t, edits) -> limit(t, edits, "concurrencypop3perip"));
    }

    /**
     * RFC 1939 §3 puts the shortest timeout at ten minutes, too long to wait for here, so the session's end is not
     * what is seen. What is seen is that pop3d reads the file again at the next connection: a good value passes
     * silently, a value under the floor is pop3d's bad edit, logged once with file:line while sessions go on with
     * the last good value. The value reaches sessions through the same settings as me, whose scenario shows them
     * followed at the next connection.
     */
    static void timeoutpop3d(Installation t, Edits edits) throws Exception {
        String complaint = "keeping the last good value: " + t.control.resolve("timeoutpop3d") + ":1: ";
        edits.write("control/timeoutpop3d", "900\n");
        assertEquals(GREETING, Pop3.greeting(t));
        edits.write("control/timeoutpop3d", "599\n");
        assertEquals(GREETING, Pop3.greeting(t));
        assertEquals(GREETING, Pop3.greeting(t));
        assertEquals(1, t.pop3d.count(complaint), t.pop3d.log());
    }

    /** With a limit of 1, a second connection while one is open gets -ERR [SYS/TEMP] and is closed. */
    private static void limit(Installation t, Edits edits, String file) throws Exception {
        edits.write("control/" + file, "1\n");
        try (Talk held = Smtp.admitted(t.pop3Port, "+OK ")) {
            assertTrue(Pop3.greeting(t).startsWith("-ERR [SYS/TEMP] "));
            assertTrue(held.pop3("QUIT").startsWith("+OK "), "the session let in goes on");
        }
    }
}
