package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/** The wiki reads wikieditors at each push. */
final class WikiScenarios {

    private WikiScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("wikieditors", WikiScenarios::wikieditors);
    }

    /** Also the wiki's bad edit: a line that is not an address keeps the last good list, and says so once. */
    static void wikieditors(Installation t, Edits edits) throws Exception {
        assertEquals(403, Admin.push(t), "nobody is an editor yet");
        edits.write("control/wikieditors", Installation.USER + "\n");
        assertEquals(200, Admin.push(t));

        edits.write("control/wikieditors", Installation.USER + "\nnot an address\n");
        assertEquals(200, Admin.push(t));
        assertEquals(200, Admin.push(t));
        assertEquals(1, t.wiki.count("keeping the last good value: " + t.control.resolve("wikieditors") + ":2: "),
                t.wiki.log());
    }
}
