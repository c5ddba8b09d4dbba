package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one numbering of header fields: folding, the end of the block, odd lines, and the cap. */
class HeaderBlockTest {

    private static HeaderBlock index(String message) throws IOException {
        return HeaderBlock.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> names(HeaderBlock block) {
        return block.fields().stream().map(HeaderBlock.Field::name).toList();
    }

    private static String raw(HeaderBlock block, int index) {
        return new String(block.raw(block.fields().get(index)), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsAreNumberedWithTheirFoldedLinesAndExactRanges() throws IOException {
        String message = "Received: from a\r\n\tby b\r\nSubject: hi\r\nTo: x@y,\r\n  z@w\r\n\r\nbody: not a field\r\n";
        HeaderBlock block = index(message);
        assertTrue(block.complete());
        assertEquals(List.of("Received", "Subject", "To"), names(block));
        assertEquals(new HeaderBlock.Field(0, "Received", 0, 25), block.fields().get(0));
        assertEquals(new HeaderBlock.Field(1, "Subject", 25, 38), block.fields().get(1));
        assertEquals("To: x@y,\r\n  z@w\r\n", raw(block, 2));
        assertEquals(message.indexOf("\r\n\r\n") + 2, block.fields().get(2).end());
        assertEquals(" from a\tby b", block.value(block.fields().get(0)));
        assertEquals(" x@y,  z@w", block.value(block.fields().get(2)));
    }

    @Test
    void aMessageWithoutBodyEndsItsBlockAtItsEnd() throws IOException {
        HeaderBlock block = index("Subject: a\r\nX-Last: no line break");
        assertTrue(block.complete());
        assertEquals(List.of("Subject", "X-Last"), names(block));
        assertEquals("X-Last: no line break", raw(block, 1));
        assertEquals(" no line break", block.value(block.fields().get(1)));
        HeaderBlock folded = index("Subject: a\r\n b\r\n");
        assertEquals("Subject: a\r\n b\r\n", raw(folded, 0));
        assertTrue(index("").fields().isEmpty());
        assertTrue(index("\r\nbody\r\n").fields().isEmpty(), "an empty line first: no header at all");
    }

    @Test
    void oddLinesAreNumberedTooSoNothingAReaderSeesIsSkipped() throws IOException {
        HeaderBlock block = index(" leading fold\r\nFrom nobody Mon\r\nSubject : obsolete space\r\n"
                + "\rstrange\r\nBare: lf\nX: y\r\n\n");
        assertEquals(List.of("", "", "Subject", "", "Bare", "X"), names(block));
        assertEquals(" obsolete space", block.value(block.fields().get(2)));
        assertEquals("", block.value(block.fields().get(0)), "no name, no value");
        assertEquals("\rstrange\r\n", raw(block, 3));
        assertEquals("Bare: lf\n", raw(block, 4));
        assertTrue(block.complete());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A: 1\\r\\n\\r\\n|1", "A: 1\\n\\n|1", "A: 1\\r\\n \\r\\nB: 2\\r\\n\\r\\n|2", "A: 1\\r\\n\\r|2", "A: 1\\r\\n\\r\\r\\n\\r\\n|2"})
    void theBlockEndsAtTheFirstEmptyLine(String escaped, int fields) throws IOException {
        String message = escaped.replace("\\r", "\r").replace("\\n", "\n");
        HeaderBlock block = index(message + "After: the body\r\n");
        assertEquals(fields, block.fields().size(), names(block).toString());
        assertTrue(block.complete());
    }

    @Test
    void aHeaderBlockOverTheCapIsIncompleteAndReadNoFurther() throws IOException {
        byte[] line = "X-Filler: 0123456789012345678901234567890123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        int[] read = {0};
        // An endless header block: only the cap stops the reading.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return line[read[0]++ % line.length];
            }
        };
        HeaderBlock block = HeaderBlock.read(endless);
        assertFalse(block.complete());
        assertEquals(HeaderBlock.MAX_BYTES / line.length, block.fields().size(), "only fields known to have ended");
        assertTrue(read[0] <= HeaderBlock.MAX_BYTES + 8192 + 1, "read " + read[0]);
        HeaderBlock.Field last = block.fields().getLast();
        assertEquals(line.length, last.end() - last.start());
    }

    @Test
    void aBlockThatEndsRightAtTheCapIsComplete() throws IOException {
        String field = "X: " + "y".repeat(HeaderBlock.MAX_BYTES - 5) + "\r\n";
        assertEquals(HeaderBlock.MAX_BYTES, field.length());
        HeaderBlock endsAtEnd = index(field);
        assertTrue(endsAtEnd.complete(), "the end of the message right at the cap");
        assertEquals(1, endsAtEnd.fields().size());
        HeaderBlock cutBeforeEmptyLine = index(field + "\r\nbody");
        assertFalse(cutBeforeEmptyLine.complete(), "the empty line lies past the cap");
        assertEquals(0, cutBeforeEmptyLine.fields().size(), "a field is known to end only at the next line");
    }

    @Test
    void aHeaderOfTinyFieldsUpToTheCapIsIndexedWhole() throws IOException {
        int count = HeaderBlock.MAX_BYTES / 4 - 1;
        HeaderBlock block = index("a:\r\n".repeat(count) + "\r\nbody");
        assertTrue(block.complete());
        assertEquals(count, block.fields().size());
        assertEquals(new HeaderBlock.Field(count - 1, "a", 4L * (count - 1), 4L * count), block.fields().getLast());
    }

    @Test
    void rawBytesAreKeptEvenWhenTheyAreNotUtf8() throws IOException {
        byte[] message = {'X', ':', ' ', (byte) 0xff, (byte) 0xe9, '\r', '\n', '\r', '\n'};
        HeaderBlock block = HeaderBlock.read(new ByteArrayInputStream(message));
        assertArrayEquals(new byte[] {'X', ':', ' ', (byte) 0xff, (byte) 0xe9, '\r', '\n'},
                block.raw(block.fields().getFirst()));
        assertEquals(" \uFFFD\uFFFD", block.value(block.fields().getFirst()));
    }
}
