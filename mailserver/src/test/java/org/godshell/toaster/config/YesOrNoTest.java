package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The yes/no files, through control/passwordrehash: two words, anything else refused with file:line. */
class YesOrNoTest {

    @TempDir
    Path control;

    @Test
    void missingIsNoAndTheWordsAreRead() throws Exception {
        assertFalse(Controls.once(control).get(ControlFiles.PASSWORDREHASH));
        assertTrue(read("yes\n"));
        assertTrue(read("yes  \r\n# trailing comment lines are not read\n"));
        assertFalse(read("no\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "YES\n", "Yes\n", "1\n", "true\n", "on\n", "yes please\n", "y\n", "\u0000yes\n",
        "noo\n"})
    void anythingElseIsAnErrorWithFileAndLine(String text) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> read(text));
        assertTrue(e.getMessage().startsWith(control.resolve("passwordrehash") + ":1: "), e.getMessage());
    }

    @Test
    void aHugeLineIsShownShortAndPrintable() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("\u001b[31m" + "x".repeat(100_000)));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }

    private boolean read(String text) throws IOException, ConfigException {
        Files.writeString(control.resolve("passwordrehash"), text);
        return Controls.once(control).get(ControlFiles.PASSWORDREHASH);
    }
}
