package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields of rspamd's answer the toaster acts on, and answers that are no verdict. */
class RspamdVerdictTest {

    private static RspamdVerdict read(String json) throws Exception {
        return RspamdVerdict.of(Json.parse(json));
    }

    @Test
    void rspamdsAnswerToGtube() throws Exception {
        RspamdVerdict verdict = read("{\"is_skipped\":true,\"score\":15.0,\"required_score\":15.0,"
                + "\"action\":\"reject\","
                + "\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\",\"score\":0.0,\"metric_score\":0.0}},"
                + "\"messages\":{\"smtp_message\":\"Gtube pattern\"},\"message-id\":\"1@example.com\"}");
        assertEquals(new RspamdVerdict(RspamdVerdict.Action.REJECT, 15, 15,
                List.of(new RspamdVerdict.Symbol("GTUBE", 0)), Optional.of("Gtube pattern")), verdict);
    }

    @Test
    void symbolsComeHeaviestFirstAndTheRestIsReadPast() throws Exception {
        RspamdVerdict verdict = read("{\"score\":5.5,\"required_score\":15,\"action\":\"add header\",\"symbols\":{"
                + "\"MIME_GOOD\":{\"score\":-0.1},\"RDNS_NONE\":{\"score\":1},\"HFILTER_X\":{\"score\":2.5},"
                + "\"ODD\":{\"name\":\"ODD\"},\"ARC_NA\":{\"score\":0}},\"messages\":{},"
                + "\"milter\":{\"remove_headers\":{\"X-Spam\":0}},\"urls\":[\"a.example\"]}");
        assertEquals(List.of("HFILTER_X", "RDNS_NONE", "ARC_NA", "ODD", "MIME_GOOD"),
                verdict.symbols().stream().map(RspamdVerdict.Symbol::name).toList());
        assertEquals(Optional.empty(), verdict.smtpMessage());
    }

    @ParameterizedTest
    @EnumSource(RspamdVerdict.Action.class)
    void everyActionWord(RspamdVerdict.Action action) throws Exception {
        assertEquals(action, read("{\"score\":1,\"required_score\":15,\"action\":\"" + action.word() + "\"}")
                .action());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"reject\"", "{}", "{\"score\":1,\"required_score\":15}",
        "{\"action\":\"no_action\",\"score\":1,\"required_score\":15}",
        "{\"action\":\"Reject\",\"score\":1,\"required_score\":15}",
        "{\"action\":\"accept\",\"score\":1,\"required_score\":15}",
        "{\"action\":1,\"score\":1,\"required_score\":15}",
        "{\"action\":\"reject\",\"score\":\"15\",\"required_score\":15}",
        "{\"action\":\"reject\",\"score\":15}", "{\"action\":\"reject\",\"score\":null,\"required_score\":15}"})
    void answersThatAreNoVerdictFail(String json) {
        assertThrows(RspamdFailure.class, () -> read(json));
    }

    @Test
    void theSmtpMessageIsCutToPrintableAscii() throws Exception {
        RspamdVerdict verdict = read("{\"action\":\"reject\",\"score\":20,\"required_score\":15,\"messages\":"
                + "{\"smtp_message\":\"  bad\\r\\n250 ok\\u0000 caf\\u00e9 \\ud83d\\ude00 " + "x".repeat(500) + "\"}}");
        String text = verdict.smtpMessage().orElseThrow();
        assertTrue(text.startsWith("bad 250 ok? caf? ? xxx"), text);
        assertTrue(text.length() <= RspamdVerdict.MAX_MESSAGE && text.endsWith("xxxx"), text.length() + " " + text);
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
    }

    @Test
    void aBlankSmtpMessageIsNone() throws Exception {
        assertEquals(Optional.empty(), read("{\"action\":\"reject\",\"score\":20,\"required_score\":15,"
                + "\"messages\":{\"smtp_message\":\" \\t \"}}").smtpMessage());
    }
}
