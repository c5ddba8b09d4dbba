package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.logline.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** control/logformat: text (also when missing) or json; anything else refused with file:line and the fix. */
class LogFormatFileTest {

    @TempDir
    Path control;

    @Test
    void missingIsTextAndTheWordsAreRead() throws Exception {
        assertEquals(LogFormat.TEXT, Controls.once(control).get(ControlFiles.LOGFORMAT));
        assertEquals(LogFormat.TEXT, read("text\n"));
        assertEquals(LogFormat.JSON, read("json\n"));
        assertEquals(LogFormat.JSON, read("  json \r\n# only the first line is read\nyaml\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "JSON\n", "Text\n", "yaml\n", "json text\n", "jsonl\n", "\u0007json\n", "logfmt\n",
        "\"json\"\n"})
    void anythingElseIsAnErrorWithFileLineAndTheFix(String text) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> read(text));
        assertTrue(e.getMessage().startsWith(control.resolve("logformat") + ":1: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("write text (the default) or json"), e.getMessage());
    }

    @Test
    void aHugeHostileLineIsShownShortAndPrintable() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("\u001b[31m" + "x".repeat(100_000)));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }

    private LogFormat read(String text) throws IOException, ConfigException {
        Files.writeString(control.resolve("logformat"), text);
        return Controls.once(control).get(ControlFiles.LOGFORMAT);
    }
}
