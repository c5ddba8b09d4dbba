package org.godshell.toaster.filter.clamav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** clamd's INSTREAM replies, and the ones it never gives, which must never read as clean. */
class ClamdReplyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        stream: OK                                               | Clean[]
        stream: Win.Test.EICAR_HDB-1 FOUND                       | Infected[signature=Win.Test.EICAR_HDB-1]
        stream: Toaster.Test.EICAR.UNOFFICIAL FOUND              | Infected[signature=Toaster.Test.EICAR.UNOFFICIAL]
        stream: Heuristics.Limits.Exceeded.MaxScanSize FOUND     | Infected[signature=Heuristics.Limits.Exceeded.MaxScanSize]
        stream: Eicar-Sig(44d88612fea8a8f36de82e1278abb02f:68) FOUND | Infected[signature=Eicar-Sig(44d88612fea8a8f36de82e1278abb02f:68)]
        INSTREAM size limit exceeded. ERROR                      | TooLarge[]
        """)
    void verdicts(String reply, String result) throws ClamdException {
        assertEquals(result, parse(reply).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "stream: ok", "stream:OK", "stream: OK ", " stream: OK", "stream: OK FOUND?",
        "PONG", "UNKNOWN COMMAND", "COMMAND READ TIMED OUT", "stream:  FOUND", "stream: \u001c FOUND",
        "stream: Can't allocate memory ERROR", "stream: lstat() failed: No such file or directory. ERROR",
        "1: stream: OK", "stream: OK\u0000garbage", "\u00ff\u00fe"})
    void anythingElseIsNoVerdict(String reply) {
        assertThrows(ClamdException.class, () -> parse(reply));
    }

    @Test
    void anErrorIsQuotedPrintableAndCut() {
        ClamdException e = assertThrows(ClamdException.class,
                () -> parse("stream: \u001b[31m" + "x".repeat(5000) + " ERROR"));
        assertTrue(e.getMessage().contains("?[31mxxx"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void aHostileSignatureIsPrintableAsciiAndBounded() throws ClamdException {
        ScanResult result = parse("stream: Evil\r\n250 ok\u0007\u00e9" + "A".repeat(5000) + " FOUND");
        String signature = ((ScanResult.Infected) result).signature();
        assertEquals(ClamdReply.MAX_SIGNATURE, signature.length());
        assertTrue(signature.startsWith("Evil??250 ok??AAA"), signature);
    }

    private static ScanResult parse(String reply) throws ClamdException {
        return ClamdReply.parse(reply.getBytes(StandardCharsets.ISO_8859_1));
    }
}
