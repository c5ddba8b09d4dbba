package org.godshell.toaster.deliver.bounce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small codecs a notice is made of: quoted-printable, typed addresses, host names, text, field folding. */
class CodecTest {

    @Test
    void quotedPrintableGivesEveryByteBackInLinesOfAtMost76() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            List<byte[]> lines = new ArrayList<>();
            for (int n = random.nextInt(5); n >= 0; n--) {
                byte[] line = new byte[random.nextInt(300)];
                random.nextBytes(line);
                // A line holds no LF and ends in no CR: those are what the encoder's caller split on.
                for (int i = 0; i < line.length; i++) {
                    if (line[i] == '\n' || line[i] == '\r' && i == line.length - 1) {
                        line[i] = ' ';
                    }
                }
                lines.add(line);
            }
            String encoded = QuotedPrintable.encode(lines);
            byte[] decoded = MimeCheck.decodeQuotedPrintable(MimeCheck.lines(encoded.getBytes(
                    StandardCharsets.US_ASCII)));
            byte[] expected = lines.stream().map(l -> concat(l, new byte[] {'\r', '\n'}))
                    .reduce(new byte[0], CodecTest::concat);
            assertArrayEquals(expected, decoded, "round " + round);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a=b|a=3Db",
        "'trailing space '|trailing space=20",
        "'tab\t'|tab=09",
        "caf\u00e9|caf=C3=A9",
    })
    void quotedPrintableEncodesEqualsSignsTrailingBlanksAndEightBit(String line, String encoded) {
        assertEquals(encoded + "\r\n", QuotedPrintable.encode(List.of(line.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void quotedPrintableBreaksSoftlyBeforeColumn77() {
        String encoded = QuotedPrintable.encode(List.of("x".repeat(200).getBytes(StandardCharsets.US_ASCII)));
        assertEquals("x".repeat(75) + "=\r\n" + "x".repeat(75) + "=\r\n" + "x".repeat(50) + "\r\n", encoded);
        String exact = QuotedPrintable.encode(List.of("y".repeat(76).getBytes(StandardCharsets.US_ASCII)));
        assertEquals("y".repeat(76) + "\r\n", exact, "a line of exactly 76 needs no soft break");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob@example.net|rfc822; bob@example.net",
        "\"a b\"@example.net|rfc822; \"a b\"@example.net",
        "user+tag=x@example.net|rfc822; user+tag=x@example.net",
        "j\u00f6ran+x=y\\z@ex.org|utf-8; j\\x{F6}ran\\x{2B}x\\x{3D}y\\x{5C}z@ex.org",
        "a\u0000b@x|utf-8; a\\x{FFFD}b@x",
        "\ud800@x|utf-8; \\x{FFFD}@x",
        "\ud83d\ude00@x|utf-8; \\x{1F600}@x",
    })
    void addressesAreTypedRfc822OrUtf8Xtext(String address, String typed) {
        assertEquals(typed, Sanitize.typedAddress(address));
    }

    @Test
    void aTypedAddressIsAlwaysSevenBitWithoutControls() {
        String typed = Sanitize.typedAddress("a\r\nb\tc\u0085d\u2028e@x");
        assertEquals("utf-8; a\\x{0D}\\x{0A}b\\x{09}c\\x{85}d\\x{2028}e@x", typed);
        assertTrue(typed.chars().allMatch(c -> c > 0x1f && c < 0x7f));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mx.example.net|mx.example.net",
        "[192.0.2.1]|[192.0.2.1]",
        "[IPv6:2001:db8::1]|[IPv6:2001:db8::1]",
        "mx.\u4f8b\u3048.jp|mx.xn--r8jz45g.jp",
        "mx example net|",
        "mx.example.net;rm|",
        "''|",
    })
    void remoteHostNamesAreAsciiOrLeftOut(String host, String expected) {
        assertEquals(expected == null ? "" : expected, Sanitize.hostName(host));
    }

    @Test
    void textKeepsLettersAndMarksEveryControl() {
        assertEquals("Gr\u00fc\u00dfe \ud83d\ude00 \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd",
                Sanitize.text("Gr\u00fc\u00dfe \ud83d\ude00 \r\n\u0000\u0085\u2028\udc00"));
        assertEquals("Gr??e ?", Sanitize.ascii("Gr\u00fc\u00dfe \ud83d\ude00"));
    }

    @Test
    void datesAreRfc5322InUtc() {
        assertEquals("Fri, 2 Jan 2026 03:04:05 +0000", Sanitize.date(Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void longFieldsFoldAtSpacesAndUnfoldToTheSameValue() {
        String value = "smtp; 550 5.7.1 " + String.join(" ", java.util.Collections.nCopies(40, "word"))
                + "  two  spaces";
        StringBuilder out = new StringBuilder();
        StatusPart.field(out, "Diagnostic-Code", value);
        String[] lines = out.toString().split("\r\n");
        assertTrue(lines.length > 1, out.toString());
        assertTrue(Arrays.stream(lines).allMatch(l -> l.length() <= 78 && !l.isBlank()), out.toString());
        assertEquals("Diagnostic-Code: " + value + "\r\n", out.toString().replace("\r\n ", " "));
    }

    @Test
    void anUnbreakableValueIsCutToFitALine() {
        StringBuilder out = new StringBuilder();
        StatusPart.field(out, "Diagnostic-Code", "smtp; " + "x".repeat(5000));
        String line = out.toString();
        assertTrue(line.length() < 998, "length " + line.length());
        assertTrue(line.endsWith("...\r\n"));
    }

    @Test
    void aCutNeverEndsInsideAnXtextEscape() {
        for (int pad = 0; pad < 12; pad++) {
            StringBuilder out = new StringBuilder();
            StatusPart.field(out, "Final-Recipient", Sanitize.typedAddress("a".repeat(pad) + "\u00e9".repeat(400)
                    + "@x"));
            String value = out.toString().replace("\r\n ", " ").strip();
            assertTrue(value.matches("Final-Recipient: utf-8; a*(\\\\x\\{E9\\})*\\.\\.\\."), () -> value.substring(value.length() - 40));
        }
    }

    @Test
    void bounceMessagesCompareByContentAndKeepTheirBytes() {
        byte[] bytes = {'a', 'b'};
        BounceMessage one = new BounceMessage("", "x@y", bytes);
        bytes[0] = 'z';
        assertEquals(new BounceMessage("", "x@y", new byte[] {'a', 'b'}), one);
        assertEquals(new BounceMessage("", "x@y", new byte[] {'a', 'b'}).hashCode(), one.hashCode());
        one.content()[1] = 'z';
        assertArrayEquals(new byte[] {'a', 'b'}, one.content());
        assertEquals("BounceMessage[<> to <x@y>, 2 bytes]", one.toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
