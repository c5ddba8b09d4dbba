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

    private static HeaderFacts read(String text) throws IOException {
        return HeaderFacts.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
