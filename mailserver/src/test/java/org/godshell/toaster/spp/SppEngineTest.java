package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.TcpRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a session uses, reload on change, and the engine's own settings. */
class SppEngineTest {

    @TempDir
    Path home;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(home.resolve("control"));
        plugin("refuse", "printf 'E550 refused by %s\\n' \"$0\"");
        plugin("accept", "printf 'N\\n'");
    }

    private void plugin(String name, String body) throws IOException {
        Path file = Files.createDirectories(home.resolve("plugins")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void write(String name, String text, long mtimeMillis) throws IOException {
        Path file = Files.writeString(home.resolve("control/" + name), text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    private SppEngine engine(String rules) throws ConfigException {
        return SppEngine.load(home, TcpRules.parse(rules, "tcp.smtp"), log::add);
    }

    private HookResult rcpt(SppEngine engine, Map<String, String> environment) throws ConfigException {
        return engine.open(new HashMap<>(environment), log::add).run(Section.RCPT);
    }

    @Test
    void theDefaultFileRuleFilesAndNospp() throws Exception {
        write("smtpplugins", "[rcpt]\nplugins/refuse\n", 1000);
        write("smtpplugins-local", "[rcpt]\nplugins/accept\n", 1000);
        SppEngine engine = engine("127.:allow,SPPCONFFILE=\"control/smtpplugins-local\"\n");
        assertInstanceOf(HookResult.Refuse.class, rcpt(engine, Map.of()));
        assertInstanceOf(HookResult.Proceed.class, rcpt(engine, Map.of("SPPCONFFILE", "control/smtpplugins-local")));
        assertEquals(HookResult.PROCEED, rcpt(engine, Map.of("NOSPP", "")));
    }

    @Test
    void anEditTakesEffectForTheNextSessionAndABadEditKeepsTheOldFile() throws Exception {
        write("smtpplugins", "[rcpt]\nplugins/refuse\n", 1000);
        SppEngine engine = engine("");
        assertInstanceOf(HookResult.Refuse.class, rcpt(engine, Map.of()));

        write("smtpplugins", "[rcpt]\nplugins/accept\n", 2000);
        assertInstanceOf(HookResult.Proceed.class, rcpt(engine, Map.of()));

        write("smtpplugins", "[rcpt]\nplugins/no-such-plugin\n", 3000);
        assertInstanceOf(HookResult.Proceed.class, rcpt(engine, Map.of()), "the last good file stays");
        assertTrue(log.stream().anyMatch(l -> l.contains("keeping the previous") && l.contains("smtpplugins:2")),
                log.toString());

        write("smtpplugins", "[rcpt]\nplugins/refuse\n", 4000);
        assertInstanceOf(HookResult.Refuse.class, rcpt(engine, Map.of()));
    }

    @Test
    void aMissingDefaultFileMeansNoPluginsButAMissingNamedFileIsAnError() throws Exception {
        SppEngine engine = engine("");
        assertEquals(HookResult.PROCEED, rcpt(engine, Map.of()));
        ConfigException atStart = assertThrows(ConfigException.class,
                () -> engine(":allow,SPPCONFFILE=\"control/typo\"\n"));
        assertTrue(atStart.getMessage().contains("control/typo"), atStart.getMessage());
        assertThrows(ConfigException.class, () -> engine.open(new HashMap<>(Map.of("SPPCONFFILE", "control/gone")),
                log::add));
    }

    @Test
    void timeoutComesFromSpptimeout() throws Exception {
        assertEquals(Duration.ofSeconds(SppEngine.DEFAULT_TIMEOUT_SECONDS), engine("").timeout());
        write("spptimeout", "3\n", 1000);
        assertEquals(Duration.ofSeconds(3), engine("").timeout());
        for (String bad : new String[] {"0", "-1", "3s", "99999", ""}) {
            write("spptimeout", bad + "\n", 1000);
            ConfigException e = assertThrows(ConfigException.class, () -> engine(""), bad);
            assertTrue(e.getMessage().contains("spptimeout"), e.getMessage());
        }
    }

    @Test
    void pluginStderrGoesToTheLog() throws Exception {
        plugin("noisy", "echo 'looked up 1.2.3.4' >&2");
        write("smtpplugins", "[rcpt]\nplugins/noisy\n", 1000);
        assertEquals(HookResult.PROCEED, rcpt(engine(""), Map.of()));
        assertTrue(log.contains("spp noisy: looked up 1.2.3.4"), log.toString());
    }
}
