package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MTA-STS policy's files: {@code toaster dns} prints the id of the policy as the files are now, so an edit
 * changes it at once. The wiki reads the same files at each HTTPS request (WikiStsPoliciesTest); this
 * installation's wiki has no HTTPS, over which alone the policy is served, so the id is what is watched here.
 */
final class PolicyScenarios {

    private static final Pattern ID = Pattern.compile(
            "_mta-sts\\.local\\.test\\.\\s+TXT\\s+\"v=STSv1; id=([0-9a-f]+)\"");

    private PolicyScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("mtastsmode", PolicyScenarios::mtastsmode,
                "mtastsmaxage", (t, edits) -> changesTheId(t, edits, "control/mtastsmaxage", "86400\n"),
                "mtastsmx", (t, edits) -> changesTheId(t, edits, "control/mtastsmx", "backup.local.test\n"));
    }

    private static String id(Installation t) {
        Matcher id = ID.matcher(Admin.toaster(t, "dns", "--domain", "local.test"));
        assertTrue(id.find(), "no _mta-sts record printed");
        return id.group(1);
    }

    static void changesTheId(Installation t, Edits edits, String file, String text) throws Exception {
        String before = id(t);
        edits.write(file, text);
        assertNotEquals(before, id(t), file);
    }

    /** testing, enforce, then none: no record at all; a bad word is named with its line. */
    static void mtastsmode(Installation t, Edits edits) throws Exception {
        assertTrue(Admin.toaster(t, "dns", "--domain", "local.test").contains("(mode testing)"));
        changesTheId(t, edits, "control/mtastsmode", "enforce\n");
        assertTrue(Admin.toaster(t, "dns", "--domain", "local.test").contains("(mode enforce)"));
        edits.write("control/mtastsmode", "Enforce\n");
        assertTrue(Admin.toaster(t, "dns", "--domain", "local.test").contains("mtastsmode:1: "));
        edits.write("control/mtastsmode", "none\n");
        assertFalse(Admin.toaster(t, "dns", "--domain", "local.test").contains("_mta-sts."));
    }
}
