package org.godshell.toaster.deliver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderFactsTest {

    @Test
    void findsDeliveredToAndCountsReceivedInTheHeaderOnly() throws IOException {
        HeaderFacts facts = read("Received: from a\r\nDelivered-To: Alice@Example.org\r\nRECEIVED: from b\r\n"
                + "delivered-to:   bob@example.net  \r\n\r\nDelivered-To: body@example.com\r\nReceived: body\r\n");
        assertEquals(Set.of("alice@example.org", "bob@example.net"), facts.deliveredTo());
        assertEquals(2, facts.received());
    }

    @Test
    void aHugeHeaderIsReadOnlyUpToTheLimit() throws IOException {
        String line = "Received: x\r\n";
        HeaderFacts facts = read(line.repeat(HeaderFacts.MAX_SCAN / line.length() + 1000));
        assertEquals(HeaderFacts.MAX_SCAN / line.length(), facts.received());
    }

    @Test
    void emptyAndHeaderlessMessagesHaveNoFacts() throws IOException {
        assertEquals(new HeaderFacts(Set.of(), 0), read(""));
        assertEquals(new HeaderFacts(Set.of(), 0), read("\r\nDelivered-To: a@b\r\n"));
        assertEquals(new HeaderFacts(Set.of(), 0), read("\u0000\u0001\u00ff garbage without line end"));
    }

    @Test
    void aFieldAcrossTheReadBlocksAndAVeryLongLineAreStillOneLineEach() throws IOException {
        String filler = "X-Filler: " + "y".repeat(8192 - 10 - 2 - 5) + "\r\n";
        String longLine = "X-Long: " + "z".repeat(100_000) + "\r\n";
        HeaderFacts facts = read(filler + "Delivered-To: Split@Example.org\r\n" + longLine + "Received: a\r\n\r\n");
        assertEquals(Set.of("split@example.org"), facts.deliveredTo());
        assertEquals(1, facts.received());
    }

    @Test
    void onlyAsciiCaseFoldsInTheFieldNameAndTheValueIsLowerCasedAsUnicode() throws IOException {
        String text = "DEL\u0130VERED-TO: dotted@example.org\r\nRece\u0131ved: dotless\r\n"
                + "Delivered-To: \u00c9MILE@Example.org\r\nReceived:\r\nReceived\r\n\r\n";
        HeaderFacts facts = HeaderFacts.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Set.of("\u00e9mile@example.org"), facts.deliveredTo());
        assertEquals(1, facts.received(), "a name without its colon is another field");
    }

    @Test
    void aLineWithoutItsLineEndAtTheEndIsNotCounted() throws IOException {
        assertEquals(new HeaderFacts(Set.of("a@b"), 1), read("Received: x\nDelivered-To: a@b\nReceived: cut"));
    }

    private static HeaderFacts read(String text) throws IOException {
        return HeaderFacts.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
