package org.godshell.toaster.site.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warnings a page gives, with the line they concern: where a pusher or a build's reader should look. */
class PageLoaderTest {

    private static List<Warning> warnings(byte[] bytes) {
        List<Warning> warnings = new ArrayList<>();
        PageLoader.load(new SourceFile("Guide.md", ObjectId.zeroId(), bytes.length, Optional.of(bytes)), warnings);
        return warnings;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'---\ncolour: red\n---\nbody' | 2 | front matter: unknown key 'colour' (known: title, tags, aliases, order, section)",
        "'---\r\ntitle: x\r\n\r\norder: ten\r\n---\r\n' | 4 | front matter: order must be an integer, got 'ten'",
        "'\uFEFF---\nno colon\n---\n' | 2 | front matter: expected 'key: value'",
        "'---\ntitle: x\n' | 1 | front matter: no closing '---' within 100 lines; read as text",
    })
    void aFrontMatterProblemNamesItsLine(String text, int line, String message) {
        assertEquals(List.of(new Warning("Guide.md", line, message)),
                warnings(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 1", "5 | 1", "6 | 2", "10 | 2", "12 | 3",
    })
    void aBadByteNamesTheLineItIsOn(int offset, int line) {
        byte[] bytes = "# Tit\nline\r\nthird\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = bytes.clone();
        bad[Math.min(offset, bad.length - 1)] = (byte) 0xff;
        Warning utf8 = warnings(bad).getFirst();
        assertEquals(line, utf8.line(), utf8::toString);
        assertTrue(utf8.message().startsWith("not valid UTF-8"), utf8.message());
        byte[] nul = bytes.clone();
        nul[Math.min(offset, nul.length - 1)] = 0;
        Warning binary = warnings(nul).getFirst();
        assertEquals(line, binary.line(), binary::toString);
        assertEquals("Guide.md:" + line + ": holds NUL bytes (binary data); shown as an error notice",
                binary.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'\u00e9'", "'\ud83d\ude00'"})
    void aSequenceCutAtTheEndIsOnTheLastLine(String last) {
        byte[] whole = ("a\nb\n" + last).getBytes(StandardCharsets.UTF_8);
        List<Warning> warnings = warnings(Arrays.copyOf(whole, whole.length - 1));
        assertEquals(3, warnings.getFirst().line(), warnings::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'\u00e9'", "'\ud83d\ude00'", "'\r\n'", "''"})
    void validTextGivesNoWarning(String text) {
        assertEquals(List.of(), warnings(("# T\n" + text).getBytes(StandardCharsets.UTF_8)));
    }
}
