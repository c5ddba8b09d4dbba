package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tag=value grammar of RFC 6376 §3.2: what it accepts, where values start and end, and what it refuses. */
class TagListTest {

    @Test
    void readsTagsWithFoldingWhitespaceAround() throws DkimError {
        TagList tags = TagList.parse(" v=1;\r\n\ta = rsa-sha256 ;b=abc\r\n def ; x_1= ;", 1000);
        assertEquals(List.of("v", "a", "b", "x_1"), tags.tags().stream().map(TagList.Tag::name).toList());
        assertEquals(Optional.of("rsa-sha256"), tags.get("a"));
        assertEquals(Optional.of("abc\r\n def"), tags.get("b"), "whitespace inside a value is kept");
        assertEquals(Optional.of(""), tags.get("x_1"));
        assertEquals(Optional.empty(), tags.get("A"), "names are case-sensitive");
    }

    @Test
    void spanOfAValueIncludesItsSurroundingWhitespace() throws DkimError {
        String text = "v=1; b= abc\r\n def ; d=x";
        TagList.Tag b = TagList.parse(text, 1000).find("b").orElseThrow();
        assertEquals(" abc\r\n def ", text.substring(b.start(), b.end()));
        TagList.Tag last = TagList.parse("v=1; b=xyz  ", 1000).find("b").orElseThrow();
        assertEquals(12, last.end());
    }

    @Test
    void aFinalSemicolonIsAllowed() throws DkimError {
        assertEquals(2, TagList.parse("a=1; b=2;", 100).tags().size());
        assertEquals(2, TagList.parse("a=1; b=2; \r\n ", 100).tags().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                       // no tag at all
        "   ",
        ";",
        "a=1;;b=2",               // an empty tag-spec
        "a=1; a=2",               // a duplicate (§3.2: the whole list is invalid)
        "1a=2",                   // a name starts with a letter
        "_a=2",
        "a-b=1",                  // '-' is not ALNUMPUNC
        "a",                      // no '='
        "a 1",
        "a=b=c;d",                // after 'a=b=c' comes 'd' without '='
        "a=caf\u00e9",            // a non-ASCII octet
        "a=x\u0000y",             // a control character
        "a=x\ry",                 // a bare CR
        "a=x\ny",                 // a bare LF
        "a=x\r\ny",               // CRLF not followed by whitespace: not a fold
        "a=x\r\n",                // a CRLF at the end folds nothing
        "a=1;\r\nb=2",
        "\r\n a=1; \n b=2",
    })
    void refusesMalformedLists(String text) {
        DkimError e = assertThrows(DkimError.class, () -> TagList.parse(text, 1000));
        assertEquals(DkimResult.PERMERROR, e.result());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "no control octet: " + e.getMessage());
    }

    @Test
    void refusesOversizedInput() {
        String many = "a=1;".repeat(1);
        StringBuilder tags = new StringBuilder(many);
        for (int i = 0; i < TagList.MAX_TAGS; i++) {
            tags.append("t").append(i).append("=x;");
        }
        assertThrows(DkimError.class, () -> TagList.parse(tags.toString(), 100_000), "too many tags");
        assertThrows(DkimError.class, () -> TagList.parse("a=" + "x".repeat(200), 100), "too long");
    }

    @Test
    void aHostileValueNeverEscapesAsAnotherException() {
        String[] pieces = {"a", "=", ";", " ", "\t", "\r\n ", "\r", "\n", "b", "1", "\u00ff", "_"};
        java.util.Random random = new java.util.Random(6376);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                TagList parsed = TagList.parse(text.toString(), 1000);
                for (TagList.Tag tag : parsed.tags()) {
                    assertTrue(tag.start() <= tag.end() && tag.end() <= text.length(), text.toString());
                }
            } catch (DkimError expected) {
                assertEquals(DkimResult.PERMERROR, expected.result());
            }
        }
    }
}
