package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/**
 * The files the checks after DATA read (DKIM, SPF, DMARC) for each message: the next message sees an edit.
 * The fixture DNS publishes {@code p=reject} for forged.test and for the organizational domain org.test.
 */
final class CheckScenarios {

    private CheckScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("dmarcpolicy", CheckScenarios::dmarcpolicy,
                "publicsuffixlist", CheckScenarios::publicsuffixlist);
    }

    private static String forgery(String from) {
        return "From: " + from + "\r\nSubject: pay this\r\n\r\nnow\r\n";
    }

    /** enforce (the default) refuses a forgery of a p=reject domain; record takes it and writes the verdict. */
    static void dmarcpolicy(Installation t, Edits edits) throws Exception {
        String refused = Smtp.message(t, "x@elsewhere.test", Installation.USER, forgery("boss@forged.test"));
        assertTrue(refused.startsWith("550 5.7.1 rejected by the DMARC policy of forged.test"), refused);
        edits.write("control/dmarcpolicy", "record\n");
        String taken = Smtp.message(t, "x@elsewhere.test", Installation.USER, forgery("boss@forged.test"));
        assertTrue(taken.startsWith("250 "), taken);
    }

    /**
     * The organizational domain comes from the Public Suffix List (RFC 7489 §3.2): sub.org.test falls under
     * org.test's policy until a list the admin drops in makes org.test a public suffix.
     */
    static void publicsuffixlist(Installation t, Edits edits) throws Exception {
        String refused = Smtp.message(t, "x@elsewhere.test", Installation.USER, forgery("boss@sub.org.test"));
        assertTrue(refused.startsWith("550 5.7.1 rejected by the DMARC policy of sub.org.test"), refused);
        edits.write("control/publicsuffixlist", "// a list of the admin's\norg.test\n");
        String taken = Smtp.message(t, "x@elsewhere.test", Installation.USER, forgery("boss@sub.org.test"));
        assertTrue(taken.startsWith("250 "), taken);
    }
}
