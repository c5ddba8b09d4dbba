package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.godshell.toaster.dkim.DkimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdicts as the [body] plugins get them: the best DKIM result, and our field on one line. */
class VerdictsTest {

    @Test
    void theBestSignatureCountsAndAForgeryRanksBelowAnUnusableOne() {
        assertEquals("none", Verdicts.bestDkim(List.of()));
        assertEquals("pass", Verdicts.bestDkim(List.of(DkimResult.FAIL, DkimResult.PASS, DkimResult.PERMERROR)));
        assertEquals("temperror", Verdicts.bestDkim(List.of(DkimResult.FAIL, DkimResult.TEMPERROR)));
        assertEquals("permerror", Verdicts.bestDkim(List.of(DkimResult.FAIL, DkimResult.PERMERROR)));
        assertEquals("fail", Verdicts.bestDkim(List.of(DkimResult.FAIL)));
        assertEquals("policy", Verdicts.bestDkim(List.of(DkimResult.NEUTRAL, DkimResult.POLICY)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authentication-Results: mx.test; none\\r\\n                      | mx.test; none",
        "Authentication-Results: mx.test;\\r\\n\\tspf=pass;\\r\\n\\tdkim=none\\r\\n | mx.test; spf=pass; dkim=none",
        "Authentication-Results: mx.test;\\r\\n \\t spf=pass (a\\tb)        | mx.test; spf=pass (a b)",
        "Authentication-Results:mx.test;dkim=none                         | mx.test;dkim=none",
    })
    void ourFieldBecomesOneLineWithoutControlCharacters(String field, String value) {
        String decoded = field.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(value, Verdicts.unfolded(decoded));
    }
}
