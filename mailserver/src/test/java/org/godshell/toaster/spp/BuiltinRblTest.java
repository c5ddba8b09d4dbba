package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code builtin:rbl} against a fixture nameserver on loopback, as a table of the script's behaviour; and the
 * same table through the shipped {@code plugins/rbl} script (its {@code RBL_LOOKUP} fed from the same zone), so
 * that "exactly like the script" is checked, not claimed.
 */
class BuiltinRblTest {

    /** The fixture zone: name, then its A records. */
    static final Map<String, List<String>> ZONE = zone(
            "2.0.0.127.bl.test. 127.0.0.2",
            "7.2.0.192.bl.test. 127.0.0.4",
            "9.2.0.192.bl.test. 127.255.255.254",
            "10.2.0.192.bl.test. 127.255.255.254 127.0.0.4",
            "11.2.0.192.bl.test. 192.0.2.99",
            "2.0.0.127.zen.spamhaus.org. 127.0.0.10");

    private final FixtureDns fixture = fixture();

    @TempDir
    Path temp;

    private static Map<String, List<String>> zone(String... lines) {
        Map<String, List<String>> zone = new LinkedHashMap<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            zone.put(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)));
        }
        return zone;
    }

    private static FixtureDns fixture() {
        try {
            FixtureDns fixture = new FixtureDns().silent("7.2.0.192.slow.test.").servfail("7.2.0.192.broken.test.");
            ZONE.forEach((name, addresses) -> fixture.a(name, addresses.toArray(String[]::new)));
            return fixture;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    /** {@code "A=1;B=2"}; a variable written without {@code =} is absent, {@code "X="} is set and empty. */
    static Map<String, String> environment(String text) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                environment.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return environment;
    }

    static final String LISTED = "LR550 5.7.1 sorry, your address %s is listed at %s (#5.7.1)";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=bl.test                      | 127.0.0.2 bl.test
        TCPREMOTEIP=192.0.2.1;RBLSERVERS=bl.test                      | -
        TCPREMOTEIP=192.0.2.7;RBLSERVERS=one.test,bl.test             | 192.0.2.7 bl.test
        TCPREMOTEIP=192.0.2.7;RBLSERVERS=one.test  bl.test            | 192.0.2.7 bl.test
        TCPREMOTEIP=192.0.2.9;RBLSERVERS=bl.test                      | -
        TCPREMOTEIP=192.0.2.11;RBLSERVERS=bl.test                     | -
        TCPREMOTEIP=192.0.2.10;RBLSERVERS=bl.test                     | 192.0.2.10 bl.test
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=bl.test;RELAYCLIENT=         | -
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=bl.test;SMTPAUTHUSER=bob     | -
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=bl.test;SMTPAUTHUSER=        | 127.0.0.2 bl.test
        RBLSERVERS=bl.test                                            | D
        TCPREMOTEIP=;RBLSERVERS=bl.test                               | D
        TCPREMOTEIP=2001:db8::1;RBLSERVERS=bl.test                    | -
        TCPREMOTEIP=::ffff:127.0.0.2;RBLSERVERS=bl.test               | 127.0.0.2 bl.test
        TCPREMOTEIP=::FFFF:127.0.0.2;RBLSERVERS=bl.test               | 127.0.0.2 bl.test
        TCPREMOTEIP=127.0.0.256;RBLSERVERS=bl.test                    | -
        TCPREMOTEIP=127.0.0.2                                         | 127.0.0.2 zen.spamhaus.org
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=                             | -
        TCPREMOTEIP=127.0.0.2;RBLSERVERS=bad_name bl.test.            | 127.0.0.2 bl.test
        TCPREMOTEIP=192.0.2.7;RBLSERVERS=broken.test bl.test          | 192.0.2.7 bl.test
        """)
    void likeTheScript(String env, String listed) throws Exception {
        List<String> expected = expected(listed);
        assertEquals(expected, builtin(List.of(), environment(env)).lines(), "builtin:rbl");
        assertEquals(expected, script(environment(env)), "plugins/rbl");
    }

    private static List<String> expected(String listed) {
        if (listed == null) {
            return List.of();
        }
        String[] words = listed.split(" ");
        return words.length == 1 ? List.of(words[0]) : List.of(LISTED.formatted(words[0], words[1]));
    }

    @Test
    void aListThatTimesOutThenTheNextHits() {
        PluginRun run = builtin(List.of(), environment("TCPREMOTEIP=192.0.2.7;RBLSERVERS=slow.test bl.test;"
                + "RBL_TIMEOUT=1"));
        assertEquals(expected("192.0.2.7 bl.test"), run.lines());
        assertTrue(run.stderr().contains("rbl: slow.test gave no answer within 1 s"), run.stderr());
        assertEquals(0, run.exit());
        assertTrue(run.failure().isEmpty());
    }

    @Test
    void logsLikeTheScript() {
        PluginRun run = builtin(List.of(), environment("TCPREMOTEIP=192.0.2.10;RBLSERVERS=bad_name,bl.test"));
        assertEquals("""
                rbl: ignoring odd list name in RBLSERVERS: bad_name
                rbl: 192.0.2.10 listed at bl.test (127.0.0.4)
                """, run.stderr());
        run = builtin(List.of(), environment("TCPREMOTEIP=192.0.2.9;RBLSERVERS=bl.test"));
        assertEquals("rbl: bl.test answered 127.255.255.254 for 192.0.2.9: not a listing (error code or odd "
                + "answer), ignored\n", run.stderr());
    }

    @Test
    void listsOnTheLineWinOverRblservers() {
        PluginRun run = builtin(List.of("one.test", "bl.test"), environment("TCPREMOTEIP=127.0.0.2;"
                + "RBLSERVERS=other.test"));
        assertEquals(expected("127.0.0.2 bl.test"), run.lines());
    }

    @Test
    void lines() throws Exception {
        Builtins builtins = new Builtins(fixture.dns(), java.nio.file.Path.of("unused-prefix"));
        BuiltinRbl rbl = assertInstanceOf(BuiltinRbl.class, builtins.parse("f:1", "builtin:rbl a.test, b.test.",
                "rbl a.test, b.test."));
        assertEquals(List.of("a.test", "b.test"), rbl.lists());
        assertEquals(List.of(), ((BuiltinRbl) builtins.parse("f:2", "builtin:rbl", "rbl")).lists());
        assertTrue(assertThrows(PluginFactory.BadPlugin.class, () -> builtins.parse("f:3", "builtin:dkim", "dkim"))
                .getMessage().contains("builtin:rbl"));
        assertThrows(PluginFactory.BadPlugin.class, () -> builtins.parse("f:4", "builtin:", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_name", ".lead.test", "two..dots.test", "x.test;rm", "ünï.test"})
    void badListNames(String list) {
        assertThrows(PluginFactory.BadPlugin.class,
                () -> new Builtins(fixture.dns(), java.nio.file.Path.of("unused-prefix")).parse("f:1", "builtin:rbl " + list, "rbl " + list));
    }

    private PluginRun builtin(List<String> lists, Map<String, String> environment) {
        return new BuiltinRbl("f:1", "builtin:rbl", lists, fixture.dns()).run(Section.CONNECTION, environment);
    }

    /** The shipped script, with RBL_LOOKUP answering from {@link #ZONE} (SERVFAIL: getent's failure status). */
    private List<String> script(Map<String, String> environment) throws IOException {
        StringBuilder lookup = new StringBuilder("#!/bin/sh\ncase \"$1\" in\n");
        ZONE.forEach((name, addresses) -> lookup.append("'").append(name).append("') printf '%s\\n' ")
                .append(String.join(" ", addresses)).append(";;\n"));
        lookup.append("*.broken.test.) exit 2;;\n*) exit 2;;\nesac\n");
        Path fake = temp.resolve("lookup");
        Files.writeString(fake, lookup);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("RBL_LOOKUP", fake.toString());
        Path home = Path.of("").toAbsolutePath().resolve("src/dist");
        ProcessPlugin plugin = new ProcessPlugin("f:1", "plugins/rbl", false,
                home.resolve("plugins/rbl").toString(), new PluginRunner(home, Duration.ofSeconds(10)));
        PluginRun run = plugin.run(Section.CONNECTION, env);
        assertTrue(run.failure().isEmpty(), run.toString());
        return run.lines();
    }
}
