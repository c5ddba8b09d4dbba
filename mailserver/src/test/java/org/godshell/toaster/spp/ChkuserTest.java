package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped {@code plugins/chkuser}, run by dash through the engine's runner, and {@code builtin:chkuser}, on
 * one prefix with a virtual domain (d.test) and a validrcptto domain (v.test): each case must give the expected
 * lines from both.
 */
class ChkuserTest {

    private static final String RELAY = BuiltinChkuser.RELAY;
    private static final String NO_MAILBOX = BuiltinChkuser.NO_MAILBOX;

    @TempDir
    Path home;
    private Path domain;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(home.resolve("control"));
        UserStore store = UserStore.open(home);
        store.addDomain("d.test");
        store.addUser("ann@d.test", "correct horse".toCharArray());
        domain = home.resolve("domains/d.test");
        Files.writeString(domain.resolve("passwd"), "bob@d.test:{PLAIN}unusable:::::\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(domain.resolve("aliases"), "# team\nsales: ann@d.test, x@far.test\r\n  Info : ann@d.test\n");
        Files.writeString(home.resolve("control/validrcptto"), "carol@v.test  \r\n# dave@v.test\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", nullValues = "none", value = {
        "ann@d.test => none",
        "ANN@D.Test => none",
        "ann+lists@d.test => none",
        "bob@d.test => none",
        "sales@d.test => none",
        "Sales+q3@d.test => none",
        "info@d.test => none",
        "nobody@d.test => NO_MAILBOX",
        "nobody+ann@d.test => NO_MAILBOX",
        "+ann@d.test => NO_MAILBOX",
        "o'brien@d.test => NO_MAILBOX",
        "a;$(touch pwned)@d.test => NO_MAILBOX",
        "`touch pwned`@d.test => NO_MAILBOX",
        "ann@d.test\\nx => none",
        "ann\\n@d.test => NO_MAILBOX",
        "postmaster@d.test => none",
        "PostMaster+x@d.test => none",
        "postmaster => none",
        "carol@v.test => none",
        "Carol@V.TEST => none",
        "dave@v.test => NO_MAILBOX",
        "anyone@other.test => none",
        "x@../../control => none",
        "x@d.test/../d.test => none",
    })
    void localRecipients(String rcpt, String expected) throws Exception {
        Map<String, String> env = env(rcpt.replace("\\n", "\n"), "1");
        List<String> lines = expected == null ? List.of() : List.of(expected.equals("NO_MAILBOX") ? NO_MAILBOX : RELAY);
        assertEquals(lines, builtin(env), "builtin");
        assertEquals(lines, script(env), "script");
        assertFalse(Files.exists(home.resolve("pwned")));
    }

    @Test
    void relaying() throws Exception {
        Map<String, String> env = env("x@far.test", "0");
        assertEquals(List.of(RELAY), builtin(env));
        assertEquals(List.of(RELAY), script(env));
        env.put("RELAYCLIENT", "");
        assertEquals(List.of(), builtin(env));
        assertEquals(List.of(), script(env));
        env.remove("RELAYCLIENT");
        env.put("SMTPAUTHUSER", "ann@d.test");
        assertEquals(List.of(), builtin(env));
        assertEquals(List.of(), script(env));
    }

    @Test
    void theCatchAllAcceptsEveryone() throws Exception {
        Files.writeString(domain.resolve("aliases"), "*: ann@d.test\n", java.nio.file.StandardOpenOption.APPEND);
        Map<String, String> env = env("nobody@d.test", "1");
        assertEquals(List.of(), builtin(env));
        assertEquals(List.of(), script(env));
        env.put("SMTPRCPTTO", "o'brien@d.test");
        assertEquals(List.of(), builtin(env));
        assertEquals(List.of(), script(env));
    }

    @Test
    void storeFilesThatCannotBeReadDefer() throws Exception {
        Files.delete(domain.resolve("aliases"));
        Files.createDirectory(domain.resolve("aliases"));
        Map<String, String> env = env("ann@d.test", "1");
        assertEquals(List.of(BuiltinChkuser.UNREADABLE), builtin(env));
        assertEquals(List.of(BuiltinChkuser.UNREADABLE), script(env));
        env.put("SMTPRCPTTO", "postmaster@d.test");
        assertEquals(List.of(), builtin(env), "postmaster is accepted before anything is read");
    }

    @Test
    void aValidrcpttoThatCannotBeReadDefers() throws Exception {
        Files.delete(home.resolve("control/validrcptto"));
        Files.createDirectory(home.resolve("control/validrcptto"));
        Map<String, String> env = env("carol@v.test", "1");
        assertEquals(List.of(BuiltinChkuser.UNREADABLE), builtin(env));
        assertEquals(List.of(BuiltinChkuser.UNREADABLE), script(env));
        env.put("SMTPRCPTTO", "ann@d.test");
        assertEquals(List.of(), builtin(env), "virtual domains do not read validrcptto");
        assertEquals(List.of(), script(env));
    }

    @Test
    void anotherValidrcpttoPerSource() throws Exception {
        Files.writeString(home.resolve("control/validrcptto-b"), "dave@v.test\n");
        Map<String, String> env = env("dave@v.test", "1");
        env.put("CHKUSER_VALIDRCPTTO", "control/validrcptto-b");
        assertEquals(List.of(), builtin(env));
        assertEquals(List.of(), script(env));
    }

    @Test
    void aBrokenAliasLineDefersInTheBuiltinAndIsAcceptedByTheScript() throws Exception {
        Files.writeString(domain.resolve("aliases"), "help: |/bin/sh\n");
        Map<String, String> env = env("help@d.test", "1");
        assertEquals(List.of(BuiltinChkuser.UNREADABLE), builtin(env));
        assertEquals(List.of(), script(env), "delivery defers it");
    }

    @Test
    void theBuiltinActsAtRcptOnlyAndTakesNoArguments() throws Exception {
        Builtins builtins = new Builtins(null, home);
        Plugin plugin = assertInstanceOf(BuiltinChkuser.class, builtins.parse("f:1", "builtin:chkuser", "chkuser"));
        assertEquals(List.of(), plugin.run(Section.MAIL, env("nobody@d.test", "1")).lines());
        assertTrue(assertThrows(PluginFactory.BadPlugin.class,
                () -> builtins.parse("f:2", "builtin:chkuser x", "chkuser x")).getMessage().contains("no arguments"));
    }

    private List<String> builtin(Map<String, String> env) throws Exception {
        PluginRun run = new Builtins(null, home).parse("f:1", "builtin:chkuser", "chkuser").run(Section.RCPT, env);
        assertTrue(run.failure().isEmpty(), run.toString());
        return run.lines();
    }

    private List<String> script(Map<String, String> env) {
        Path script = Path.of("").toAbsolutePath().resolve("src/dist/plugins/chkuser");
        ProcessPlugin plugin = new ProcessPlugin("f:1", ":dash plugins/chkuser", true, "exec dash '" + script + "'",
                new PluginRunner(home, Duration.ofSeconds(30)));
        PluginRun run = plugin.run(Section.RCPT, env);
        assertTrue(run.failure().isEmpty(), run.toString());
        return run.lines();
    }

    private static Map<String, String> env(String rcpt, String hostsOk) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TCPREMOTEIP", "192.0.2.1");
        env.put("SMTPRCPTTO", rcpt);
        env.put("SMTPRCPTHOSTSOK", hostsOk);
        return env;
    }
}
