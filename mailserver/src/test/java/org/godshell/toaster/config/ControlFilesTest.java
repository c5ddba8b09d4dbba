package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The list itself: names that are file names in control/, each once; what showconfig gets from it. */
class ControlFilesTest {

    @Test
    void everyNameIsListedOnce() {
        assertEquals(ControlFiles.ALL.size(), ControlFiles.ALL.stream().map(ControlFiles.Entry::name).distinct().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../me", "control/me", "Me", ".hidden", "me\n", "a b", "servercerts/*.pem"})
    void anEntryIsAPlainNameInControl(String name) {
        assertThrows(IllegalArgumentException.class, () -> new ControlFiles.Entry(name, "default", "syntax"));
    }

    @Test
    void othersAreShownPresentOrWithTheirDefaultAndNeverTwice(@TempDir Path control) throws IOException {
        Files.writeString(control.resolve("smtproutes"), ":relay.example.net\n");
        Files.createSymbolicLink(control.resolve("helohost"), control.resolve("nowhere"));
        List<SmtpConfig.Setting> others = ControlFiles.describeOthers(control, Set.of("me", "databytes"));
        assertEquals(ControlFiles.ALL.size() - 2, others.size());
        SmtpConfig.Setting routes = others.stream().filter(s -> s.name().equals("smtproutes")).findFirst().orElseThrow();
        assertEquals(control.resolve("smtproutes").toString(), routes.source());
        SmtpConfig.Setting helo = others.stream().filter(s -> s.name().equals("helohost")).findFirst().orElseThrow();
        assertEquals(control.resolve("helohost").toString(), helo.source(), "a dangling link is there, not a default");
        SmtpConfig.Setting relay = others.stream().filter(s -> s.name().equals("smarthostauth")).findFirst().orElseThrow();
        assertEquals("default", relay.source());
        assertEquals("none: no AUTH to relays", relay.value());
    }
}
