package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped long-running heloguard, one process asked many times as the engine asks it, with hostile HELO
 * names: capitals, glob characters, shell syntax, bytes beyond ASCII, a very long name. It lower-cases
 * with shell built-ins (no process per request); these pin what tr did before.
 */
class HeloguardSampleTest {

    private static final String NOT_ME = "E550 5.7.1 you are not me (#5.7.1)";
    private static final String NOT_YOURS = "E550 5.7.1 that is not your address (#5.7.1)";

    @TempDir
    Path home;
    private PersistentPlugin heloguard;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("control"));
        Files.writeString(home.resolve("control/me"), "MX.Example.test\nsecond.line\n");
        Path program = SampleScript.source("heloguard");
        heloguard = new PersistentPlugin("f:1", "persistent:plugins/heloguard", program,
                new LongRunningProcess(program, home), Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", nullValues = "none", value = {
        "mx.example.test => NOT_ME",
        "MX.EXAMPLE.TEST => NOT_ME",
        "mx.example.test. => none",
        "second.line => none",
        "localhost => NOT_ME",
        "LocalHost.Anything => NOT_ME",
        "localhostx => none",
        "[192.0.2.1] => none",
        "[192.0.2.2] => NOT_YOURS",
        "[*] => NOT_YOURS",
        "* => none",
        "mx.example.* => none",
        "$(touch pwned) => none",
        "'; touch pwned; ' => none",
        "ÄÖÜ.example => none",
        "a b => none",
        "'' => none",
    })
    void helo(String name, String expected) {
        List<String> lines = expected == null ? List.of()
                : List.of(expected.equals("NOT_ME") ? NOT_ME : NOT_YOURS);
        assertEquals(lines, ask(name, Map.of()));
        assertFalse(Files.exists(home.resolve("pwned")));
    }

    @Test
    void aLongNameIsAnsweredAndTheProcessGoesOn() {
        assertEquals(List.of(), ask("a".repeat(100) + "Z".repeat(2000), Map.of()));
        assertEquals(List.of(NOT_ME), ask("LOCALHOST", Map.of()));
    }

    @Test
    void trustedClientsAreNeverRefused() {
        assertEquals(List.of(), ask("localhost", Map.of("RELAYCLIENT", "")));
        assertEquals(List.of(), ask("localhost", Map.of("SMTPAUTHUSER", "ann@example.test")));
        assertEquals(List.of(NOT_ME), ask("localhost", Map.of()), "the next request starts afresh");
    }

    private List<String> ask(String helo, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TCPREMOTEIP", "192.0.2.1");
        env.put("SMTPHELOHOST", helo);
        env.putAll(more);
        PluginRun run = heloguard.run(Section.HELO, env);
        assertTrue(run.failure().isEmpty(), run.toString());
        return run.lines();
    }
}
