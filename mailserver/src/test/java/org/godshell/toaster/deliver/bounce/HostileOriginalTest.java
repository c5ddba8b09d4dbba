package org.godshell.toaster.deliver.bounce;

import static org.godshell.toaster.deliver.bounce.Originals.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Originals, addresses and remote replies that try to break the notice: every one must still give a notice
 * that {@link MimeCheck} accepts, with no header line of the attacker's making and never the body.
 */
class HostileOriginalTest {

    private static final List<String> BOB = List.of("bob@example.net");
    private static final Map<String, Diagnosis> BOB_FAILED = Map.of("bob@example.net",
            Diagnosis.remote("5.1.1", "the remote host refused the recipient", "mx.example.net", "550 5.1.1 no"));

    private static final List<String> TOP_FIELDS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted");
    private static final Set<String> PART_FIELDS = Set.of("Content-Description", "Content-Type",
            "Content-Transfer-Encoding");
    private static final Set<String> STATUS_FIELDS = Set.of("Reporting-MTA", "X-Toaster-Queue-ID", "Arrival-Date",
            "Final-Recipient", "Action", "Status", "Remote-MTA", "Diagnostic-Code", "Last-Attempt-Date");

    private static List<String> names(List<MimeCheck.Field> fields) {
        return fields.stream().map(MimeCheck.Field::name).toList();
    }

    @TempDir
    Path temp;

    private MimeCheck.Dsn bounce(List<String> recipients, Map<String, Diagnosis> failures, byte[] original)
            throws IOException {
        QueuedMessage message = Originals.message(temp, "alice@example.com", recipients, original);
        byte[] content = Originals.bounces().failed(message, failures, NOW).message().orElseThrow().content();
        MimeCheck.Dsn dsn = MimeCheck.parse(content);
        assertEquals(TOP_FIELDS, names(dsn.fields()), "no header field of the attacker's making");
        for (MimeCheck.Part part : dsn.parts()) {
            assertTrue(PART_FIELDS.containsAll(names(part.fields())), part.fields().toString());
        }
        for (List<MimeCheck.Field> block : dsn.status()) {
            assertTrue(STATUS_FIELDS.containsAll(names(block)), block.toString());
        }
        return dsn;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The decoded headers part, which must give back exactly the original's header lines, CRLF ended. */
    private static byte[] returnedHeaders(MimeCheck.Dsn dsn) {
        return dsn.parts().get(2).body();
    }

    @Test
    void headerInjectionInARecipientAddressIsEncodedNotObeyed() throws IOException {
        String evil = "bob@example.net\r\nBcc: victim@example.org\r\nSubject: injected";
        MimeCheck.Dsn dsn = bounce(List.of(evil), Map.of(evil, Diagnosis.local("5.1.1", "no such user")),
                ascii("Subject: hi\r\n\r\nbody\r\n"));
        assertEquals("utf-8; bob@example.net\\x{0D}\\x{0A}Bcc:\\x{20}victim@example.org\\x{0D}\\x{0A}Subject:"
                + "\\x{20}injected", dsn.recipientField(0, "Final-Recipient"));
        assertTrue(dsn.parts().get(0).text().contains("<bob@example.net\uFFFD\uFFFDBcc: victim@example.org"),
                dsn.parts().get(0).text());
    }

    @Test
    void lineBreaksADiagnosisMayHoldAreNeutralised() throws IOException {
        // Diagnosis refuses C0 controls; NEL (U+0085) and U+2028 are the line breaks left to try.
        Map<String, Diagnosis> failures = Map.of("bob@example.net", Diagnosis.remote("5.7.1",
                "refused\u0085Bcc: victim@example.org", "mx.example.net",
                "550 5.7.1 spam\u2028Subject: injected\u0085Bcc: x@y"));
        MimeCheck.Dsn dsn = bounce(BOB, failures, ascii("Subject: hi\r\n\r\nbody\r\n"));
        assertEquals("smtp; 550 5.7.1 spam?Subject: injected?Bcc: x@y", dsn.recipientField(0, "Diagnostic-Code"));
        String text = dsn.parts().get(0).text();
        assertTrue(text.contains("refused\uFFFDBcc: victim@example.org"), text);
        assertTrue(text.contains("spam\uFFFDSubject:") && text.contains("injected\uFFFDBcc: x@y"), text);
    }

    @Test
    void aRemoteHostNameThatIsNoHostNameStaysOutOfRemoteMta() throws IOException {
        Map<String, Diagnosis> failures = Map.of("bob@example.net",
                Diagnosis.remote("5.0.0", "refused", "mx.example.net; rm -rf /", "550 no"));
        MimeCheck.Dsn dsn = bounce(BOB, failures, ascii("Subject: hi\r\n\r\nbody\r\n"));
        assertTrue(dsn.optionalRecipientField(0, "Remote-MTA").isEmpty());
        assertTrue(dsn.parts().get(0).text().contains("mx.example.net; rm -rf / said: 550 no"));
    }

    @Test
    void aVeryLongRemoteReplyIsFoldedAndCapped() throws IOException {
        String reply = "550 5.7.1 " + "blocked ".repeat(300) + "x".repeat(2000);
        MimeCheck.Dsn dsn = bounce(BOB, Map.of("bob@example.net",
                Diagnosis.remote("5.7.1", "refused", "mx.example.net", reply)), ascii("Subject: hi\r\n\r\n"));
        String code = dsn.recipientField(0, "Diagnostic-Code");
        assertTrue(code.startsWith("smtp; 550 5.7.1 blocked blocked"), code);
        assertTrue(code.endsWith("..."), "cut, and says so");
        assertTrue(code.length() <= 900, code);
    }

    @Test
    void aHeaderSectionWithNoEndIsCutAtAFieldBoundary() throws IOException {
        StringBuilder original = new StringBuilder();
        for (int i = 0; original.length() < 200_000; i++) {
            original.append("X-Filler-").append(i).append(": ").append("y".repeat(60)).append("\r\n")
                    .append("\tcontinued ").append(i).append("\r\n");
        }
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii(original.toString()));
        byte[] returned = returnedHeaders(dsn);
        assertTrue(returned.length <= OriginalHeaders.CAP, "capped: " + returned.length);
        assertTrue(returned.length > OriginalHeaders.CAP - 200, "nearly full: " + returned.length);
        String text = new String(returned, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith(original.substring(0, text.length())), "a prefix of the original");
        assertTrue(text.endsWith("\r\n") && text.substring(text.lastIndexOf("\r\n", text.length() - 3) + 2)
                .startsWith("\tcontinued "), "the last field is whole: it ends with its continuation line");
        assertTrue(dsn.parts().get(0).text().contains("cut to their first 64 KiB"));
    }

    @Test
    void aTenMegabyteHeaderIsNotReadToItsEnd() throws IOException {
        Path file = temp.resolve("huge");
        byte[] prefix = ascii("V1\n\n");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(prefix);
            out.write(ascii("Subject: first\r\nX-Huge: "));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'h');
            for (int i = 0; i < 10; i++) {
                out.write(block);
            }
            out.write(ascii("\r\n\r\nbody\r\n"));
        }
        QueuedMessage message = new QueuedMessage(Originals.ID, Originals.message(temp, "alice@example.com", BOB,
                "x").envelope(), Files.size(file) - prefix.length, file, prefix.length);
        byte[] content = Originals.bounces().failed(message, BOB_FAILED, NOW).message().orElseThrow().content();
        MimeCheck.Dsn dsn = MimeCheck.parse(content);
        assertEquals("Subject: first\r\n", dsn.parts().get(2).text(), "the huge field is left out whole");
        assertTrue(content.length < 10_000, "no trace of the 10 MB: " + content.length);
    }

    @Test
    void readingStopsShortlyAfterTheCap() throws IOException {
        int[] read = {0};
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                read[0]++;
                return read[0] % 100 == 0 ? '\n' : 'a';
            }
        };
        OriginalHeaders headers = OriginalHeaders.read(endless);
        assertTrue(headers.cut());
        assertTrue(read[0] <= OriginalHeaders.CAP + 8192 + 200, "read " + read[0] + " bytes");
    }

    @Test
    void binaryNulAndBareCrBytesAreReturnedQuotedPrintableAndExact() throws IOException {
        byte[] header = new byte[] {'X', '-', 'B', ':', ' ', 0, 1, 2, (byte) 0xff, (byte) 0xfe, '\r', 'B', 'c', 'c',
            ':', ' ', 'v', '@', 'x', 0x7f, (byte) 0x80};
        byte[] original = concat(ascii("Subject: bin\r\n"), header, ascii("\r\n\r\nbody \0 secret\r\n"));
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, original);
        assertEquals("quoted-printable", dsn.parts().get(2).header("Content-Transfer-Encoding"));
        assertArrayEquals(concat(ascii("Subject: bin\r\n"), header, ascii("\r\n")), returnedHeaders(dsn));
    }

    @Test
    void bareLfLinesAreReadAsLinesAndTheBodyStaysOut() throws IOException {
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii("Subject: lf\nFrom: a@b\n\tfolded\n\nsecret body\n"));
        assertEquals("Subject: lf\r\nFrom: a@b\r\n\tfolded\r\n", dsn.parts().get(2).text());
        assertEquals("7bit", dsn.parts().get(2).header("Content-Transfer-Encoding"));
    }

    @Test
    void aMessageWithoutHeadersOrWithoutAnythingGivesAnEmptyHeadersPart() throws IOException {
        for (String original : List.of("\r\nbody only\r\n", "", "\n", "Subject: all header, no end")) {
            MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii(original));
            String expected = original.startsWith("Subject") ? original + "\r\n" : "";
            assertEquals(expected, dsn.parts().get(2).text(), original);
        }
    }

    @Test
    void overLongHeaderLinesAreSoftBrokenAndComeBackWhole() throws IOException {
        String subject = "Subject: " + "word ".repeat(1000).strip();
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii(subject + "\r\n\r\nbody\r\n"));
        assertEquals("quoted-printable", dsn.parts().get(2).header("Content-Transfer-Encoding"));
        assertEquals(subject + "\r\n", dsn.parts().get(2).text());
    }

    @Test
    void aFieldThatAloneExceedsTheCapLeavesNothingHalfReturned() throws IOException {
        String huge = "X-Huge: " + "z".repeat(OriginalHeaders.CAP);
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii(huge + "\r\nSubject: after\r\n\r\n"));
        assertEquals("", dsn.parts().get(2).text());
    }

    @Test
    void anOriginalMadeToLookLikeMimeCannotEndTheNotice() throws IOException {
        // Lines that look like a closing boundary or a new part in the original's headers are just text.
        MimeCheck.Dsn dsn = bounce(BOB, BOB_FAILED, ascii(
                "Subject: x\r\n--=_dsn_--\r\nContent-Type: text/html\r\n\r\n<script>\r\n"));
        assertEquals("Subject: x\r\n--=_dsn_--\r\nContent-Type: text/html\r\n", dsn.parts().get(2).text());
        assertEquals(3, dsn.parts().size());
    }

    private static byte[] concat(byte[]... pieces) {
        int size = Arrays.stream(pieces).mapToInt(p -> p.length).sum();
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }
}
