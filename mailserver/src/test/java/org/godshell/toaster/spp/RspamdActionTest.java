package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.godshell.toaster.filter.rspamd.RspamdVerdict;
import org.godshell.toaster.filter.rspamd.RspamdVerdict.Action;
import org.godshell.toaster.filter.rspamd.RspamdVerdict.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rspamd's actions as qmail-spp lines: the table of {@link RspamdAction}, and lines the engine accepts. */
class RspamdActionTest {

    private static final List<Symbol> SYMBOLS = List.of(new Symbol("BAYES_SPAM", 5.1), new Symbol("RDNS_NONE", 1),
            new Symbol("MIME_GOOD", -0.1));

    private static List<String> lines(Action action, Optional<String> message) {
        return RspamdAction.lines(new RspamdVerdict(action, 7.2, 15, SYMBOLS, message));
    }

    @Test
    void rejectAndDiscardRefuseWithRspamdsMessage() {
        assertEquals(List.of("E554 5.7.1 message rejected as spam: Gtube pattern"),
                lines(Action.REJECT, Optional.of("Gtube pattern")));
        assertEquals(List.of("E554 5.7.1 message rejected as spam"), lines(Action.DISCARD, Optional.empty()));
    }

    @Test
    void softRejectAndGreylistDefer() {
        assertEquals(List.of("E451 4.7.1 message deferred, try again later: Ratelimit exceeded"),
                lines(Action.SOFT_REJECT, Optional.of("Ratelimit exceeded")));
        assertEquals(List.of("E451 4.7.1 greylisted, try again later"), lines(Action.GREYLIST, Optional.of("x")));
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"ADD_HEADER", "REWRITE_SUBJECT", "QUARANTINE"})
    void spamIsMarkedAndFiledInJunk(Action action) {
        assertEquals(List.of("HX-Spam: Yes", "HX-Spam-Score: 7.20 / 15.00",
                "HX-Spam-Symbols: BAYES_SPAM(5.10), RDNS_NONE(1.00), MIME_GOOD(-0.10)",
                "Qrspamd: " + action.word() + ", score 7.20"), lines(action, Optional.empty()));
    }

    @Test
    void hamGetsTheVerdictAndTheScoreOnly() {
        assertEquals(List.of("HX-Spam: No", "HX-Spam-Score: 7.20 / 15.00"), lines(Action.NO_ACTION, Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void everyLineButQIsOneTheEngineAccepts(Action action) {
        for (String line : lines(action, Optional.of("text from rspamd"))) {
            if (!line.startsWith("Q")) {
                assertDoesNotThrow(() -> Command.parse(line), line);
            }
        }
    }

    @Test
    void theSymbolsHeaderIsBoundedAndCleaned() {
        List<Symbol> many = new ArrayList<>(IntStream.range(0, 2000)
                .mapToObj(i -> new Symbol("SYMBOL_NUMBER_" + i, 1)).toList());
        many.addFirst(new Symbol("EVIL\r\nBcc: x@example.com " + "Z".repeat(200), 9));
        String value = RspamdAction.symbols(new RspamdVerdict(Action.ADD_HEADER, 2000, 15, many, Optional.empty()));
        assertTrue(value.length() <= RspamdAction.MAX_SYMBOLS, value.length() + "");
        assertTrue(value.endsWith(", ..."), value);
        assertTrue(value.startsWith("EVIL?Bcc??x?example.com?ZZZ"), value);
        assertTrue(value.matches("[ -~]+"), value);
        assertDoesNotThrow(() -> Command.parse("HX-Spam-Symbols: " + value));
    }

    @Test
    void noSymbolsAtAll() {
        assertEquals("none", RspamdAction.symbols(new RspamdVerdict(Action.ADD_HEADER, 7, 15, List.of(),
                Optional.empty())));
    }
}
