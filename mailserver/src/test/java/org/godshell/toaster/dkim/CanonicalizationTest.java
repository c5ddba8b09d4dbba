package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 6376 §3.4 on tables: header fields (§3.4.1, §3.4.2) and bodies (§3.4.3, §3.4.4), the body checked by
 * hashing the canonical text the table gives, and {@code l=} hashing only its count of octets.
 */
class CanonicalizationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // raw field (\r\n written as ~)                | relaxed
        "'Subject: Hello  World   '     | subject:Hello World",
        "'SUBJECT :\t Hello~\t World '  | subject:Hello World",
        "X-Empty:                       | x-empty:",
        "'X-Empty:   ~ '                | x-empty:",
        "'To: a,~ b,~\t c'              | to:a, b, c",
        "'X: caf\u00e9  au lait '       | x:caf\u00e9 au lait",
    })
    void relaxedHeader(String raw, String relaxed) throws DkimError {
        HeaderField field = Message.parse(bytes(raw.replace("~", "\r\n") + "\r\n\r\n")).fields().getFirst();
        assertEquals(relaxed + "\r\n", Canonicalization.RELAXED.header(field));
        assertEquals(raw.replace("~", "\r\n") + "\r\n", Canonicalization.SIMPLE.header(field));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // body (~ is CRLF)            | simple canonical          | relaxed canonical
        "''                            | ~                         | ''",
        "~                             | ~                         | ''",
        "~~~                           | ~                         | ''",
        "' \t~'                        | ' \t~'                    | ''",
        "abc                           | abc~                      | abc~",
        "abc~~~                        | abc~                      | abc~",
        "' a  b \t~'                   | ' a  b \t~'               | ' a b~'",
        "a~~b~ ~\t~                    | a~~b~ ~\t~                | a~~b~",
        "a~ ~b                         | a~ ~b~                    | a~~b~",
        "'a\rb\nc~'                    | 'a\rb\nc~'                | 'a\rb\nc~'",
    })
    void bodies(String body, String simple, String relaxed) {
        assertEquals(sha256(simple), hash(body, Canonicalization.SIMPLE, BodyHash.WHOLE));
        assertEquals(sha256(relaxed), hash(body, Canonicalization.RELAXED, BodyHash.WHOLE));
    }

    @Test
    void lengthLimitHashesOnlyThatManyCanonicalOctets() {
        byte[] message = bytes("X: y\r\n\r\nfirst  line\r\nsecond\r\n\r\n");
        BodyHash limited = BodyHash.of(message, 8, Canonicalization.RELAXED, 12);
        assertEquals(sha256("first line~"), HexFormat.of().formatHex(limited.digest()));
        assertEquals(20, limited.canonicalLength());
        assertEquals(12, limited.hashedLength());
        BodyHash zero = BodyHash.of(message, 8, Canonicalization.SIMPLE, 0);
        assertEquals(sha256(""), HexFormat.of().formatHex(zero.digest()));
    }

    @Test
    void aLongBodyIsHashedThroughTheBuffer() {
        String line = "x".repeat(70) + "  \r\n";
        String body = line.repeat(1000);
        assertEquals(sha256(("x".repeat(70) + "~").repeat(1000)), hash(body, Canonicalization.RELAXED, BodyHash.WHOLE));
        assertEquals(sha256(body.replace("\r\n", "~")), hash(body, Canonicalization.SIMPLE, BodyHash.WHOLE));
    }

    private static String hash(String body, Canonicalization canonicalization, long limit) {
        byte[] message = bytes("X: y\r\n\r\n" + body.replace("~", "\r\n"));
        return HexFormat.of().formatHex(BodyHash.of(message, 8, canonicalization, limit).digest());
    }

    private static String sha256(String canonical) {
        return HexFormat.of().formatHex(BodyHash.sha256().digest(bytes(canonical.replace("~", "\r\n"))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
