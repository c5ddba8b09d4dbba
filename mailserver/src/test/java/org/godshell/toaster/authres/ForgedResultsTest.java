package org.godshell.toaster.authres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Removing incoming Authentication-Results that claim our authserv-id (RFC 8601 §5), with the spellings a
 * forger would try: case, comments, folding, quoting, white space before the colon; and the fields that must
 * stay: other hosts' ids, ARC's, look-alikes, and anything in the body.
 */
class ForgedResultsTest {

    private static final String ME = "mx.example.org";
    private static final String BEFORE = "Received: from a.example by b.example; Mon, 1 Jan 2024 00:00:00 +0000\r\n";
    private static final String AFTER = "Subject: hello\r\n\tfolded\r\n\r\nbody\r\n";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String removed(String header) {
        return new String(ForgedResults.remove(bytes(header), ME), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=a@example.com\r\n",
        "authentication-results: MX.Example.ORG; dkim=pass\r\n",
        "AUTHENTICATION-RESULTS:mx.example.org;spf=pass\r\n",
        "Authentication-Results  \t: mx.example.org; none\r\n",
        "Authentication-Results: (forged) mx.example.org; dmarc=pass\r\n",
        "Authentication-Results: (a (nested \\) comment) here)(another) mx.example.org; dmarc=pass\r\n",
        "Authentication-Results:\r\n mx.example.org;\r\n\tspf=pass\r\n\tdmarc=pass\r\n",
        "Authentication-Results: (a comment\r\n  folded) \t mx.example.org; none\r\n",
        "Authentication-Results: \"mx.example.org\"; dmarc=pass\r\n",
        "Authentication-Results: \"mx\\.example\\.org\"; dmarc=pass\r\n",
        "Authentication-Results: mx.example.org.; dmarc=pass\r\n",
        "Authentication-Results: mx.example.org 1; dmarc=pass\r\n",
        "Authentication-Results: mx.example.org(comment); dmarc=pass\r\n",
        "Authentication-Results: mx.example.org; dmarc=pass\n",
        "Authentication-Results: mx.example.org\r\n",
    })
    void aFieldClaimingOurIdIsRemovedWithItsContinuationLines(String forged) {
        assertEquals(BEFORE + AFTER, removed(BEFORE + forged + AFTER));
        byte[] header = bytes(BEFORE + forged + AFTER);
        int start = BEFORE.length();
        assertEquals(List.of(new ForgedResults.Field(start, start + bytes(forged).length)),
                ForgedResults.find(header, ME));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authentication-Results: mx.example.org.evil.example; dmarc=pass\r\n",
        "Authentication-Results: evil.mx.example.org; dmarc=pass\r\n",
        "Authentication-Results: xmx.example.org; dmarc=pass\r\n",
        "Authentication-Results: mx-example.org; dmarc=pass\r\n",
        "Authentication-Results: \"mx.example.org \"; dmarc=pass\r\n",
        "Authentication-Results: mx.exаmple.org; dmarc=pass\r\n",
        "Authentication-Results: (mx.example.org; dmarc=pass\r\n",
        "Authentication-Results: \"mx.example.org; dmarc=pass\r\n",
        "Authentication-Results: ; mx.example.org; dmarc=pass\r\n",
        "Authentication-Results:\r\n",
        "ARC-Authentication-Results: i=1; mx.example.org; dmarc=pass\r\n",
        "X-Authentication-Results: mx.example.org; dmarc=pass\r\n",
        "Authentication-Results-Original: mx.example.org; dmarc=pass\r\n",
        "Authentication-Results mx.example.org; dmarc=pass\r\n",
        "X-Note: see\r\n Authentication-Results: mx.example.org; dmarc=pass\r\n",
    })
    void otherFieldsStay(String other) {
        String header = BEFORE + other + AFTER;
        assertEquals(List.of(), ForgedResults.find(bytes(header), ME));
        assertEquals(header, removed(header));
    }

    @Test
    void everyForgedFieldGoesAndTheRestStaysInOrder() {
        String header = "Authentication-Results: mx.example.org; spf=pass\r\n"
                + "Authentication-Results: other.example; spf=fail\r\n"
                + "DKIM-Signature: v=1; d=example.com;\r\n\tb=abc\r\n"
                + "Authentication-Results: (x) MX.EXAMPLE.ORG;\r\n\tdmarc=pass\r\n"
                + "From: a@example.com\r\n\r\n"
                + "Authentication-Results: mx.example.org; this is the body\r\n";
        assertEquals("Authentication-Results: other.example; spf=fail\r\n"
                + "DKIM-Signature: v=1; d=example.com;\r\n\tb=abc\r\n"
                + "From: a@example.com\r\n\r\n"
                + "Authentication-Results: mx.example.org; this is the body\r\n", removed(header));
    }

    @Test
    void aBlockWithoutAnEndOrAFinalNewlineIsReadToItsEnd() {
        assertEquals("From: a@example.com\r\n",
                removed("From: a@example.com\r\nAuthentication-Results: mx.example.org"));
        assertEquals("", removed("Authentication-Results: mx.example.org; none\r\n \r\n"));
        assertEquals("\r\n", removed("\r\n"));
        assertEquals("", removed(""));
    }

    @Test
    void hostileNestingAndLengthsAreReadInOnePass() {
        String deep = "Authentication-Results: " + "(".repeat(200_000) + "x" + ")".repeat(200_000)
                + " mx.example.org; dmarc=pass\r\n";
        assertEquals("", removed(deep));
        String unclosed = "Authentication-Results: " + "(\\".repeat(100_000) + "\r\n";
        assertEquals(unclosed, removed(unclosed));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            many.append(i % 2 == 0 ? "Authentication-Results: mx.example.org; none\r\n" : "X-Other: " + i + "\r\n");
        }
        assertEquals(25_000, ForgedResults.find(bytes(many.toString()), ME).size());
    }

    @Test
    void eightBitBytesNeverMatchOurAsciiId() {
        byte[] header = {'A', 'u', 't', 'h', 'e', 'n', 't', 'i', 'c', 'a', 't', 'i', 'o', 'n', '-', 'R', 'e', 's', 'u',
            'l', 't', 's', ':', ' ', 'm', 'x', '.', 'e', 'x', (byte) 0xc3, (byte) 0xa1, 'm', 'p', 'l', 'e', '.', 'o',
            'r', 'g', ';', '\r', '\n'};
        assertEquals(List.of(), ForgedResults.find(header, "mx.exámple.org"));
        assertEquals(List.of(), ForgedResults.find(header, ME));
    }

    @Test
    void theAuthservIdIsATokenOrAQuotedStringAfterComments() {
        assertEquals(Optional.of("mx.example.org"), ForgedResults.authservId(" (c) mx.example.org; spf=pass"));
        assertEquals(Optional.of("a b"), ForgedResults.authservId(" \"a b\"; none"));
        assertEquals(Optional.of("a\"b"), ForgedResults.authservId("\"a\\\"b\""));
        assertEquals(Optional.empty(), ForgedResults.authservId("   "));
        assertEquals(Optional.empty(), ForgedResults.authservId(" (never closed"));
        assertEquals(Optional.empty(), ForgedResults.authservId(" @example"));
    }
}
