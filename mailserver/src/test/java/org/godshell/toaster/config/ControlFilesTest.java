package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table itself: names that are file names in control/, each once; defaults that parse; what showconfig gets. */
class ControlFilesTest {

    @Test
    void everyNameIsListedOnceAndEveryKeyIsInTheList() throws IllegalAccessException {
        assertEquals(ControlFiles.ALL.size(), ControlFiles.ALL.stream().map(Key::name).distinct().count());
        int constants = 0;
        for (var field : ControlFiles.class.getFields()) {
            if (field.getType() == Key.class) {
                constants++;
                assertTrue(ControlFiles.ALL.contains(field.get(null)), field.getName() + " is not in ALL");
            }
        }
        assertEquals(ControlFiles.ALL.size(), constants);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../me", "control/me", "Me", ".hidden", "me\n", "a b", "servercerts/*.pem"})
    void aKeyIsAPlainNameInControl(String name) {
        assertThrows(IllegalArgumentException.class, () -> new Key<>(name, Key.Kind.TEXT, Key.Shape.LINE,
                (f, l) -> "", r -> "", "default", "syntax", List.of(new Key.Use("smtpd", Key.Effect.RESTART))));
    }

    @Test
    void everyDefaultIsAValueAndEveryFileHasAReader() throws ConfigException {
        Reads empty = Reads.given(Map.of());
        for (Key<?> key : ControlFiles.ALL) {
            if (key.shape() != Key.Shape.OWN) {
                assertTrue(key.fallback().value(empty) != null, key.name());
            }
            assertTrue(!key.uses().isEmpty(), key.name());
        }
    }

    @Test
    void aFileWithAReaderOfItsOwnIsNotReadThroughTheTable(@TempDir Path control) throws IOException {
        Files.writeString(control.resolve("smtpplugins"), "[connection]\n");
        assertThrows(IllegalStateException.class, () -> Controls.once(control).get(ControlFiles.SMTPPLUGINS));
    }

    @Test
    void onlyListenAddressesTheWikisAddressTheUserDatabaseTheMetricsTokenAndTheLogFormatNeedARestart() {
        List<String> restart = ControlFiles.ALL.stream().filter(Key::needsRestart).map(Key::name).toList();
        assertEquals(List.of("me", "listen-smtp", "listen-submission", "listen-smtps", "listen-pop3s", "listen-pop3",
                "listen-http", "listen-https", "wikiurl", "userdb", "userdbpassword", "userdbcache",
                "listen-metrics", "listen-metrics-pop3d", "listen-metrics-wiki", "metricstoken", "logformat"),
                restart);
        assertEquals("next connection, next delivery; restart (wiki)", ControlFiles.ME.effectText());
        assertEquals("restart (smtpd)", ControlFiles.LISTEN_SMTP.effectText());
    }

    @Test
    void othersAreShownPresentOrWithTheirDefaultAndNeverTwice(@TempDir Path control) throws IOException {
        Files.writeString(control.resolve("smtproutes"), ":relay.example.net\n");
        Files.createSymbolicLink(control.resolve("helohost"), control.resolve("nowhere"));
        List<SmtpConfig.Setting> others = ControlFiles.describeOthers(Controls.once(control), Set.of("me", "databytes"));
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
