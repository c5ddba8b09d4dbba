package org.godshell.toaster.dkim.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.godshell.toaster.dkim.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The selectors file: what the toaster writes reads back, and every broken rule names its file and line. */
class SelectorsFileTest {

    private static final Path FILE = Path.of("domains/example.org/.dkim/selectors");
    private static final Instant WHEN = Instant.parse("2026-12-06T10:15:30Z");

    private static SelectorsFile parse(String text) throws DkimKeysException {
        return SelectorsFile.parse(FILE, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatItWritesReadsBack() throws DkimKeysException {
        SelectorsFile file = new SelectorsFile(List.of(
                new Selector("20261206-rsa", KeyState.ACTIVE, Algorithm.RSA_SHA256, WHEN),
                new Selector("20261206-ed25519", KeyState.ACTIVE, Algorithm.ED25519_SHA256, WHEN),
                new Selector("20270101-rsa", KeyState.PENDING, Algorithm.RSA_SHA256, WHEN.plusSeconds(86400 * 26)),
                new Selector("20250101-rsa", KeyState.RETIRED, Algorithm.RSA_SHA256, WHEN.minusSeconds(86400 * 339))));
        String text = file.text("example.org");
        assertTrue(text.startsWith("# DKIM keys of example.org"), text);
        assertTrue(text.contains("\nactive 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z\n"), text);
        assertEquals(file, parse(text));
        assertEquals(List.of("20270101-rsa"), parse(text).in(KeyState.PENDING).stream().map(Selector::name).toList());
    }

    @Test
    void commentsBlankLinesTabsAndNoFinalNewlineAreFine() throws DkimKeysException {
        SelectorsFile file = parse("\n# made by hand\n   \nretired\tmail  rsa-sha256 2020-01-01T00:00:00Z");
        assertEquals(List.of(new Selector("mail", KeyState.RETIRED, Algorithm.RSA_SHA256,
                Instant.parse("2020-01-01T00:00:00Z"))), file.selectors());
        assertEquals(List.of(), parse("").selectors());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "active 20261206-rsa rsa-sha256|1|3 fields",
        "active 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z extra|1|5 fields",
        "# ok\\nsigning 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z|2|\"signing\" is no state",
        "Active 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z|1|is no state",
        "active ../../passwd rsa-sha256 2026-12-06T10:15:30Z|1|\"../../passwd\" is no selector",
        "active a/b rsa-sha256 2026-12-06T10:15:30Z|1|\"a/b\" is no selector",
        "active sub.selector rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active .dkim rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active -lead rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active UPPER rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active under_score rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active 0123456789012345678901234567890123456789012345678901234567890123 rsa-sha256 2026-12-06T10:15:30Z|1|is no selector",
        "active s rsa-sha1 2026-12-06T10:15:30Z|1|\"rsa-sha1\" is no algorithm",
        "active s ed25519 2026-12-06T10:15:30Z|1|is no algorithm",
        "active s rsa-sha256 2026-12-06|1|is no time of creation",
        "active s rsa-sha256 2026-02-30T10:15:30Z|1|is no time of creation",
        "active s rsa-sha256 2026-12-06T10:15:30+01:00|1|is no time of creation",
        "active s rsa-sha256 +12026-12-06T10:15:30Z|1|is no time of creation",
        "active s rsa-sha256 2026-12-06T10:15:30Z\\nretired s rsa-sha256 2026-12-06T10:15:30Z|2|listed twice (first on line 1)",
        "active a rsa-sha256 2026-12-06T10:15:30Z\\nactive b rsa-sha256 2026-12-06T10:15:30Z|2|a second active rsa-sha256 key",
        "pending a ed25519-sha256 2026-12-06T10:15:30Z\\n\\npending b ed25519-sha256 2026-12-06T10:15:30Z|3|a second pending ed25519-sha256 key",
        "active s rsa-sha256 2026-12-06T10:15:30Z\\r\\n|1|a carriage return",
        "active s rsa-sha256\u0000 2026-12-06T10:15:30Z|1|a control character",
        "active s\u001b[31m rsa-sha256 2026-12-06T10:15:30Z|1|a control character",
        "active s\u00e9 rsa-sha256 2026-12-06T10:15:30Z|0|not ASCII text",
    })
    void brokenLinesAreRefusedWithTheirLine(String text, int line, String problem) {
        DkimKeysException e = assertThrows(DkimKeysException.class, () -> parse(text.replace("\\n", "\n")
                .replace("\\r", "\r")));
        String where = FILE + (line > 0 ? ":" + line : "") + ": ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "control characters are escaped: " + e.getMessage());
    }

    @Test
    void oversizedFilesAndTooManyKeysAreRefused() {
        String big = "#".repeat(SelectorsFile.MAX_FILE + 1);
        assertTrue(assertThrows(DkimKeysException.class, () -> parse(big)).getMessage()
                .startsWith(FILE + ": over " + SelectorsFile.MAX_FILE + " bytes"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SelectorsFile.MAX_SELECTORS; i++) {
            many.append("retired s").append(i).append(" rsa-sha256 2026-12-06T10:15:30Z\n");
        }
        assertTrue(assertThrows(DkimKeysException.class, () -> parse(many.toString())).getMessage()
                .startsWith(FILE + ":" + (SelectorsFile.MAX_SELECTORS + 1) + ": more than"));
    }
}
