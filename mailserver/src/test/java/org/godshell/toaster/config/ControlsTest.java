package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reload rule: an edit is read at the next look; a bad edit keeps the last good value and says why once. */
class ControlsTest {

    @TempDir
    Path control;

    private final List<String> log = new ArrayList<>();

    private Controls controls() {
        return new Controls(control, log::add);
    }

    /** Writes as editors do: a new file renamed over the old, so even an edit of the same size is seen. */
    private void write(String name, String text) throws IOException {
        Path temp = control.resolve("." + name + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, control.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aBadFileAtTheFirstReadIsAnError() throws IOException {
        write("databytes", "12x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> controls().get(ControlFiles.DATABYTES));
        assertTrue(e.getMessage().startsWith(control.resolve("databytes") + ":1: "), e.getMessage());
    }

    @Test
    void anEditIsReadAtTheNextLookAndADeletionMeansTheDefault() throws Exception {
        Controls controls = controls();
        assertEquals(0L, controls.get(ControlFiles.DATABYTES));
        write("databytes", "1000\n");
        assertEquals(1000L, controls.get(ControlFiles.DATABYTES));
        write("databytes", "2000\n");
        assertEquals(2000L, controls.get(ControlFiles.DATABYTES));
        Files.delete(control.resolve("databytes"));
        assertEquals(0L, controls.get(ControlFiles.DATABYTES));
        assertEquals(List.of(), log);
    }

    @Test
    void aBadEditKeepsTheLastGoodValueAndIsLoggedOnceWithFileAndLine() throws Exception {
        Controls controls = controls();
        write("maxrcpt", "50\n");
        assertEquals(50L, controls.get(ControlFiles.MAXRCPT));
        write("maxrcpt", "fifty\n");
        assertEquals(50L, controls.get(ControlFiles.MAXRCPT));
        assertEquals(50L, controls.get(ControlFiles.MAXRCPT));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains(control.resolve("maxrcpt") + ":1: \"fifty\" is not"), log.get(0));
        write("maxrcpt", "60\n");
        assertEquals(60L, controls.get(ControlFiles.MAXRCPT));
    }

    @Test
    void aBadFileWhereThereWasNoneKeepsTheDefault() throws Exception {
        Controls controls = controls();
        assertEquals(controls.get(ControlFiles.ME), controls.get(ControlFiles.SMTPGREETING));
        write("smtpgreeting", "");
        assertEquals(controls.get(ControlFiles.ME), controls.get(ControlFiles.SMTPGREETING), "the default, as before");
        assertEquals(1, log.size(), log.toString());
    }

    @Test
    void aPermissionChangeIsAChange() throws Exception {
        Controls controls = controls();
        Path auth = control.resolve("smarthostauth");
        Files.writeString(auth, "relay.example.net user secret\n");
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-------"));
        assertTrue(controls.get(ControlFiles.SMARTHOSTAUTH).forRelay("relay.example.net").isPresent());
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(controls.get(ControlFiles.SMARTHOSTAUTH).forRelay("relay.example.net").isPresent(), "kept");
        assertTrue(log.get(0).contains("chmod 600"), log.toString());
    }

    @Test
    void aLiveValueIsMadeAgainOnlyWhenAFileItReadChanges() throws Exception {
        AtomicInteger made = new AtomicInteger();
        write("me", "mx.example.org\n");
        Live<String> greeting = Live.of(controls(), r -> {
            made.incrementAndGet();
            return "220 " + r.get(ControlFiles.SMTPGREETING);
        }, log::add);
        String first = greeting.get();
        assertEquals("220 mx.example.org", first);
        write("databytes", "5\n");
        assertSame(first, greeting.get(), "a file it did not read");
        assertEquals(1, made.get());
        write("me", "mx2.example.org\n");
        assertEquals("220 mx2.example.org", greeting.get(), "the fallback's file is watched too");
        write("smtpgreeting", "hello\u0001\n");
        assertEquals("220 mx2.example.org", greeting.get(), "a bad edit keeps the value");
        assertEquals(2, made.get());
        assertTrue(log.get(0).contains("smtpgreeting:1:"), log.toString());
    }
}
