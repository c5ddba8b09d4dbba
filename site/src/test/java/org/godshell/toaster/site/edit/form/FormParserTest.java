package org.godshell.toaster.site.edit.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormParserTest {

    private static Form parse(String body) throws FormParser.Malformed {
        return FormParser.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void fieldsAreDecoded() throws Exception {
        Form form = parse("text=%23+Title%0D%0A%C3%BC%E2%82%AC&csrf=a-b_c.d~&empty=");
        assertEquals(Map.of("text", "# Title\r\nü€", "csrf", "a-b_c.d~", "empty", ""), form.fields());
        assertEquals(Map.of(), parse("").fields());
        assertEquals("a+b", FormParser.decodePath("a+b"));
        assertEquals("a b", FormParser.decodePath("a%20b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%4", "a=%G0", "a=%%41", "a=1&a=2", "a=1&&b=2", "&a=1", "a=1&", "=1", "a",
        "a=%C0%80", "a=%ED%A0%80", "a=%FF", "a=x y", "a=\u00e9", "a=\u0000", "a=\t", "%61=1&a=2"})
    void malformedBodiesAreRefused(String body) {
        assertThrows(FormParser.Malformed.class, () -> parse(body));
    }

    @Test
    void unexpectedFieldsAreFound() throws Exception {
        Form form = parse("csrf=1&zz=2&aa=3");
        assertEquals(Optional.of("aa"), form.unexpected(Set.of("csrf")));
        assertEquals(Optional.empty(), form.unexpected(Set.of("csrf", "zz", "aa")));
    }

    @Test
    void aLargeBodyParsesInLinearTime() throws Exception {
        String big = "text=" + "%41".repeat(600_000);
        assertEquals(600_000, parse(big).text("text").length());
    }
}
