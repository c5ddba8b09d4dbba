package org.godshell.toaster.authres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dmarc.DkimCheck;
import org.godshell.toaster.dmarc.DmarcRecord;
import org.godshell.toaster.dmarc.DmarcResult;
import org.godshell.toaster.dmarc.DmarcVerdict;
import org.godshell.toaster.dmarc.Policy;
import org.godshell.toaster.spf.SpfResult;
import org.godshell.toaster.spf.SpfVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Authentication-Results field (RFC 8601 §2.2): its shape, the quoting of values, the folding, and that no
 * client's words can break out of it.
 */
class AuthenticationResultsTest {

    private static final String ME = "mx.example.org";

    static SpfVerdict spf(String sender) {
        return new SpfVerdict(SpfResult.PASS, InetAddress.getLoopbackAddress(), sender, "mail.example.com",
                "example.com", "mailfrom", Optional.empty());
    }

    static DmarcVerdict dmarc(String record) {
        DmarcRecord parsed = ((DmarcRecord.Parse.Found) DmarcRecord.parse(record)).record();
        return new DmarcVerdict(DmarcResult.FAIL, Policy.QUARANTINE, Optional.of("news.example.com"),
                Optional.of("example.com"), Optional.of(parsed), "no aligned pass");
    }

    /** One field, CRLF only between lines and at the end, every other line a continuation, nothing unprintable. */
    static void assertWellFormed(String field) {
        assertTrue(field.startsWith("Authentication-Results: "), field);
        assertTrue(field.endsWith("\r\n"), field);
        String[] lines = field.substring(0, field.length() - 2).split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            assertTrue(i == 0 || line.startsWith("\t"), "a continuation line: " + line);
            assertTrue(line.length() <= 998, "RFC 5322 §2.1.1: " + line.length());
            assertTrue(line.substring(i == 0 ? 0 : 1).codePoints().allMatch(c -> c >= 0x20 && c != 0x7f
                    && !Character.isISOControl(c) && c != 0x2028 && c != 0x2029 && c != 0x202e), "printable: " + line);
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new ForgedResults.Field(0, bytes.length)), ForgedResults.find(bytes, ME),
                "our own field is recognised as ours");
    }

    @Test
    void aFieldWithTheThreeMethods() {
        String field = AuthenticationResults.field(ME, List.of(MethodResult.spf(spf("alice@example.com")),
                MethodResult.dkim(DkimCheck.Result.PASS, "Example.COM", "2025a", "AbCdEf12Gh\r\n\tIjKl"),
                MethodResult.dmarc(dmarc("v=DMARC1; p=reject; sp=quarantine"))));
        assertEquals("Authentication-Results: mx.example.org;\r\n"
                + "\tspf=pass smtp.mailfrom=alice@example.com;\r\n"
                + "\tdkim=pass header.d=example.com header.s=2025a header.b=AbCdEf12;\r\n"
                + "\tdmarc=fail (p=reject sp=quarantine dis=quarantine)\r\n"
                + "\theader.from=news.example.com\r\n", field, "folded before column 78");
        assertWellFormed(field);
    }

    @Test
    void theSameResultsSealedInAnArcSetCarryTheInstance() {
        String field = AuthenticationResults.arcField(3, ME, List.of(MethodResult.spf(spf("alice@example.com"))));
        assertEquals("ARC-Authentication-Results: i=3; mx.example.org;\r\n"
                + "\tspf=pass smtp.mailfrom=alice@example.com\r\n", field);
        assertEquals("ARC-Authentication-Results: i=50; mx.example.org; none\r\n",
                AuthenticationResults.arcField(50, ME, List.of()));
        assertEquals(List.of(), ForgedResults.find(field.getBytes(StandardCharsets.UTF_8), ME),
                "an ARC set's results are never taken for a forged Authentication-Results");
        assertThrows(IllegalArgumentException.class, () -> AuthenticationResults.arcField(0, ME, List.of()));
        assertThrows(IllegalArgumentException.class, () -> AuthenticationResults.arcField(51, ME, List.of()));
    }

    @Test
    void noResultIsNone() {
        assertEquals("Authentication-Results: mx.example.org; none\r\n", AuthenticationResults.field(ME, List.of()));
    }

    @Test
    void heloChecksAndVerdictsWithoutARecord() {
        SpfVerdict helo = new SpfVerdict(SpfResult.NEUTRAL, InetAddress.getLoopbackAddress(), "postmaster@h.example",
                "h.example", "h.example", "helo", Optional.empty());
        DmarcVerdict noFrom = new DmarcVerdict(DmarcResult.PERMERROR, Policy.REJECT, Optional.empty(),
                Optional.empty(), Optional.empty(), "2 From header fields");
        assertEquals("Authentication-Results: mx.example.org;\r\n\tspf=neutral smtp.helo=h.example;\r\n"
                + "\tdmarc=permerror (dis=reject)\r\n", AuthenticationResults.field(ME,
                        List.of(MethodResult.spf(helo), MethodResult.dmarc(noFrom))));
    }

    @Test
    void valuesThatAreNeitherTokensNorAddressesAreQuoted() {
        String field = AuthenticationResults.field(ME, List.of(
                MethodResult.spf(spf("\"john doe\"@example.com")),
                MethodResult.dkim(DkimCheck.Result.FAIL, "example.com", "sel ector", "ab/c+d=="),
                MethodResult.spf(spf("")).withReason("a \"quoted\" \\ reason")));
        assertTrue(field.contains("smtp.mailfrom=\"\\\"john doe\\\"@example.com\""), field);
        assertTrue(field.contains("header.s=\"sel ector\""), field);
        assertTrue(field.contains("header.b=\"ab/c+d==\""), field);
        assertTrue(field.contains("spf=pass reason=\"a \\\"quoted\\\" \\\\ reason\" smtp.mailfrom=\"\""), field);
        assertWellFormed(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.example\r\nX-Evil: yes",
        "a@b.example\nAuthentication-Results: mx.example.org; dmarc=pass",
        "a@b\r.example", "\u0000@b.example", "a@b.example\u2028X: y", "a@b.example\u0085X: y", "a\u202e@b.example",
        "a\"; dmarc=pass@b.example", "a) (x@b.example", "\ud800@b.example", "\t@b.example", "\u007f@b.example"})
    void noClientTextCanBreakOutOfTheField(String sender) {
        String field = AuthenticationResults.field(ME, List.of(MethodResult.spf(spf(sender)),
                MethodResult.dkim(DkimCheck.Result.PASS, sender, sender, sender)).stream()
                .map(result -> result.withReason(sender)).toList());
        assertWellFormed(field);
        assertFalse(field.contains("\nX-Evil") || field.contains("\nAuthentication-Results"), field);
    }

    @Test
    void longValuesAreCutAndLongResultsFolded() {
        String longest = "a".repeat(10_000) + "@example.com";
        String field = AuthenticationResults.field(ME, List.of(MethodResult.spf(spf(longest)),
                MethodResult.dkim(DkimCheck.Result.PASS, "a-rather-long-signing-domain.example.com",
                        "a-long-selector-name-20250101", "x".repeat(100))));
        assertWellFormed(field);
        assertTrue(field.contains("smtp.mailfrom=" + "a".repeat(Values.MAX_VALUE) + "...;"), field);
        for (String line : field.split("\r\n")) {
            assertTrue(line.length() <= AuthenticationResults.WIDTH || !line.contains(" "), "folded: " + line);
        }
    }

    @Test
    void unicodeIsKeptOnlyQuotedAndDomainsAsALabels() {
        String field = AuthenticationResults.field(ME, List.of(MethodResult.spf(spf("jöran@example.com")),
                MethodResult.dkim(DkimCheck.Result.PASS, "bücher.example", "s", "b")));
        assertTrue(field.contains("smtp.mailfrom=\"jöran@example.com\""), field);
        assertTrue(field.contains("header.d=xn--bcher-kva.example"), field);
        assertWellFormed(field);
    }

    @Test
    void ourWordsAreKeywords() {
        assertThrows(IllegalArgumentException.class, () -> new MethodResult("sp f", "pass", Optional.empty(),
                Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MethodResult("spf", "pass;", Optional.empty(),
                Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MethodResult.Property("smtp", "mail\r\nfrom", "x"));
        assertThrows(IllegalArgumentException.class, () -> new MethodResult.Property("-smtp", "mailfrom", "x"));
    }

    @Test
    void anAuthservIdThatIsNoTokenIsQuoted() {
        String field = AuthenticationResults.field("odd id\r\n", List.of());
        assertEquals("Authentication-Results: \"odd id??\"; none\r\n", field);
    }
}
