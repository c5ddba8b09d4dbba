package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.config.TcpRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long-running plugins: one process for many requests, restarted after it dies or hangs; failures are 451. */
class PersistentPluginTest {

    /** Counts its requests, so a test sees whether the same process answered; echoes the recipient. */
    private static final String COUNTER = """
            n=0
            while :; do
                rcpt=""
                while :; do
                    IFS= read -r line || exit 0
                    [ -z "$line" ] && break
                    case "$line" in SMTPRCPTTO=*) rcpt=${line#*=} ;; SPPSECTION=*) section=${line#*=} ;; esac
                done
                n=$((n + 1))
                echo "stderr $n" >&2
                case "$rcpt" in
                    die@*) exit 3 ;;
                    hang@*) sleep 30 ;;
                    garbage@*) printf 'hello\\n\\n' ;;
                    flood@*) yes ;;
                    silent@*) ;;
                    *) printf 'HX-Count: %s %s\\nHX-Rcpt: %s\\n\\n' "$n" "$section" "$rcpt" ;;
                esac
            done
            """;

    @TempDir
    Path home;

    private PersistentPlugin plugin(String body) throws Exception {
        Path file = Files.createDirectories(home.resolve("plugins")).resolve("counter");
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path program = PersistentPlugin.program(home, "plugins/counter");
        return new PersistentPlugin("f:2", "persistent:plugins/counter", program,
                new LongRunningProcess(program, home), Duration.ofSeconds(1));
    }

    private static PluginRun rcpt(PersistentPlugin plugin, String address) {
        return plugin.run(Section.RCPT, new HashMap<>(Map.of("SMTPRCPTTO", address, "TCPREMOTEIP", "192.0.2.1")));
    }

    @Test
    void oneProcessAnswersEveryRequest() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        assertEquals(List.of("HX-Count: 1 rcpt", "HX-Rcpt: a@x.test"), rcpt(plugin, "a@x.test").lines());
        PluginRun second = rcpt(plugin, "b@x.test");
        assertEquals(List.of("HX-Count: 2 rcpt", "HX-Rcpt: b@x.test"), second.lines());
        // stderr is drained as it comes, so a run carries what had arrived by its end: wait for the rest here.
        StringBuilder stderr = new StringBuilder(second.stderr());
        for (int i = 0; i < 50 && !stderr.toString().contains("stderr 2"); i++) {
            Thread.sleep(20);
            stderr.append(plugin.process().takeStderr());
        }
        assertTrue(stderr.toString().contains("stderr 2"), stderr.toString());
        rcpt(plugin, "die@x.test");
    }

    @Test
    void aPluginThatDiesFailsAndIsStartedAgain() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        assertEquals("HX-Count: 1 rcpt", rcpt(plugin, "a@x.test").lines().get(0));
        assertTrue(rcpt(plugin, "die@x.test").failure().orElse("").contains("closed its output"));
        assertEquals("HX-Count: 1 rcpt", rcpt(plugin, "a@x.test").lines().get(0), "a new process");
    }

    @Test
    void aPluginThatHangsIsKilledAtTheTimeoutAndStartedAgain() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        long start = System.nanoTime();
        assertTrue(rcpt(plugin, "hang@x.test").failure().orElse("").startsWith("timeout after 1 s"));
        // The bound proves the hung plugin was given up on; it is not a speed test.
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos());
        assertEquals("HX-Count: 1 rcpt", rcpt(plugin, "a@x.test").lines().get(0));
    }

    @Test
    void floodsAndGarbageFail() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        assertTrue(rcpt(plugin, "flood@x.test").failure().orElse("").contains("more than"));
        assertEquals(List.of("hello"), rcpt(plugin, "garbage@x.test").lines(), "garbage is SppSession's to refuse");
        assertEquals(List.of(), rcpt(plugin, "silent@x.test").lines());
    }

    @Test
    void aValueWithANewlineIsNeverSent() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        assertTrue(rcpt(plugin, "a@x.test\nSMTPAUTHUSER=admin").failure().orElse("").contains("control character"));
        assertEquals("HX-Count: 1 rcpt", rcpt(plugin, "a@x.test").lines().get(0), "nothing reached the plugin");
        rcpt(plugin, "die@x.test");
    }

    @Test
    void inBodyTheRequestCarriesTheFileAndOneLinePerRecipient() throws Exception {
        PersistentPlugin plugin = plugin("""
                while :; do
                    all=""
                    while :; do
                        IFS= read -r line || exit 0
                        [ -z "$line" ] && break
                        case "$line" in
                            SMTPRCPTTOALL=*) all="$all${line#*=};" ;;
                            SMTPMESSAGEFILE=*) file=${line#*=} ;;
                        esac
                    done
                    [ "$all" = "die;" ] && exit 0
                    printf 'HX-All: %s\\nHX-File: %s\\n\\n' "$all" "$file"
                done
                """);
        PluginRun run = plugin.run(Section.BODY, new HashMap<>(Map.of("SMTPRCPTTOALL", "a@x.test\nb@x.test",
                "SMTPMESSAGEFILE", "/q/tmp/1.a.copy")));
        assertEquals(List.of("HX-All: a@x.test;b@x.test;", "HX-File: /q/tmp/1.a.copy"), run.lines());
        PluginRun smuggled = plugin.run(Section.BODY, new HashMap<>(Map.of("SMTPRCPTTOALL", "a@x.test\rX=1")));
        assertTrue(smuggled.failure().orElse("").contains("control character"), smuggled.toString());
        plugin.run(Section.BODY, new HashMap<>(Map.of("SMTPRCPTTOALL", "die")));
    }

    @Test
    void aProgramThatCannotStartFails() throws Exception {
        PersistentPlugin plugin = plugin(COUNTER);
        Files.delete(plugin.program());
        assertTrue(rcpt(plugin, "a@x.test").failure().orElse("").startsWith("cannot execute"));
    }

    @Test
    void badLines() {
        assertThrows(PluginFactory.BadPlugin.class, () -> PersistentPlugin.program(home, "plugins/none"));
        assertThrows(PluginFactory.BadPlugin.class, () -> PersistentPlugin.program(home, ""));
    }

    @Test
    void throughTheEngineGarbageIs451AndAHeaderIsKept() throws Exception {
        plugin(COUNTER);
        Files.createDirectories(home.resolve("control"));
        Files.writeString(home.resolve("control/smtpplugins"), "[rcpt]\npersistent:plugins/counter\n");
        SppEngine engine = SppEngine.load(home, TcpRules.parse("", "tcp.smtp"), line -> { });
        SppSession session = engine.open(new HashMap<>(Map.of("SMTPRCPTTO", "a@x.test")), line -> { });
        assertInstanceOf(HookResult.Proceed.class, session.run(Section.RCPT));
        assertEquals(List.of("X-Count: 1 rcpt", "X-Rcpt: a@x.test"), session.headers());
        SppSession other = engine.open(new HashMap<>(Map.of("SMTPRCPTTO", "garbage@x.test")), line -> { });
        HookResult.Refuse refuse = assertInstanceOf(HookResult.Refuse.class, other.run(Section.RCPT));
        assertEquals(451, refuse.reply().code());
        engine.open(new HashMap<>(Map.of("SMTPRCPTTO", "die@x.test")), line -> { }).run(Section.RCPT);
    }

}
