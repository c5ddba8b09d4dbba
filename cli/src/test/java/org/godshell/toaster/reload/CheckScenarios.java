package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.arc.ChainResult;
import org.godshell.toaster.arc.ChainVerdict;
import org.godshell.toaster.arc.Sealer;
import org.godshell.toaster.arc.Sealing;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.SigningKey;

/**
 * The files the checks after DATA read (DKIM, SPF, DMARC) for each message: the next message sees an edit.
 * The fixture DNS publishes {@code p=reject} for forged.test and for the organizational domain org.test.
 */
final class CheckScenarios {

    private CheckScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("dmarcpolicy", CheckScenarios::dmarcpolicy,
                "publicsuffixlist", CheckScenarios::publicsuffixlist,
                "arcsealers", CheckScenarios::arcsealers);
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

    /** A list's passing ARC chain overrides a DMARC fail once arcsealers names the list (RFC 8617 §7.2). */
    static void arcsealers(Installation t, Edits edits) throws Exception {
        KeyPair key = KeyFiles.generate(Algorithm.RSA_SHA256);
        t.dns.txt("arc._domainkey.lists.test.", PublishedKey.txtStrings(key.getPublic()).toArray(String[]::new));
        String changed = forgery("boss@forged.test");
        Sealing sealing = new Sealer("lists.test", List.of(new SigningKey("arc", key.getPrivate())),
                Clock.systemUTC()).seal(changed.getBytes(StandardCharsets.UTF_8), "lists.test", List.of(),
                new ChainVerdict(ChainResult.NONE, "no ARC set", 0, 0, List.of()));
        String sealed = String.join("", ((Sealing.Sealed) sealing).fields()) + changed;
        String refused = Smtp.message(t, "x@lists.test", Installation.USER, sealed);
        assertTrue(refused.startsWith("550 5.7.1 "), refused);
        edits.write("control/arcsealers", "lists.test\n");
        String taken = Smtp.message(t, "x@lists.test", Installation.USER, sealed);
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
