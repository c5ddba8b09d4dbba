package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting a message into header fields and body: folds, the empty line, and the header lines refused. */
class MessageTest {

    @Test
    void fieldsWithTheirFoldsAndTheBody() throws DkimError {
        Message message = Message.parse(bytes("From : a@b\r\nSubject: one\r\n\ttwo\r\n  three\r\nTo: c\r\n\r\nbody\r\n"));
        assertEquals(List.of(new HeaderField("From", "From : a@b"), new HeaderField("Subject",
                "Subject: one\r\n\ttwo\r\n  three"), new HeaderField("To", "To: c")), message.fields());
        assertEquals("body\r\n", new String(message.bytes(), message.bodyStart(),
                message.bytes().length - message.bodyStart(), StandardCharsets.US_ASCII));
    }

    @Test
    void aFoldThatLooksLikeAFieldIsPartOfTheFieldAbove() throws DkimError {
        Message message = Message.parse(bytes("To: a@b\r\n From: evil@x\r\nFrom: good@y\r\n\r\n"));
        assertEquals(1, message.named("from").size());
        assertEquals("To: a@b\r\n From: evil@x", message.fields().getFirst().raw());
    }

    @Test
    void noEmptyLineMeansNoBody() throws DkimError {
        Message message = Message.parse(bytes("From: a@b\r\nTo: c"));
        assertEquals(2, message.fields().size());
        assertEquals(message.bytes().length, message.bodyStart());
        assertEquals(0, Message.parse(bytes("\r\nbody")).fields().size());
        assertEquals(0, Message.parse(new byte[0]).fields().size());
    }

    @Test
    void bareLineEndsInTheBodyAreOrdinaryOctets() throws DkimError {
        assertEquals(1, Message.parse(bytes("From: a@b\r\n\r\nline\nmore\rstill\r\n")).fields().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " From: a@b\r\n\r\n",                 // a continuation with no field above it
        "From: a@b\nTo: c\r\n\r\n",           // a bare LF splits lines differently for different readers
        "From: a@b\rTo: c\r\n\r\n",           // a bare CR
        "From a@b\r\n\r\n",                   // no colon
        ": a@b\r\n\r\n",                      // no name
        "Fr om: a@b\r\n\r\n",                 // a space inside the name
        "From\r\n : a@b\r\n\r\n",             // a fold between name and colon
        "Fr\u00f6m: a@b\r\n\r\n",             // a non-ASCII name
    })
    void refusesMalformedHeaderSections(String text) {
        assertEquals(DkimResult.PERMERROR, assertThrows(DkimError.class, () -> Message.parse(bytes(text))).result());
    }

    @Test
    void refusesHugeHeaderSections() {
        assertThrows(DkimError.class, () -> Message.parse(bytes("X: y\r\n".repeat(Message.MAX_FIELDS + 1))));
        String line = "X-Long: " + "y".repeat(997) + "\r\n";
        assertThrows(DkimError.class, () -> Message.parse(bytes(line.repeat(Message.MAX_HEADER_OCTETS / 1000 + 2))));
        assertThrows(DkimError.class, () -> Message.parse(bytes("X: " + "y".repeat(Message.MAX_HEADER_OCTETS))),
                "one endless line");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
