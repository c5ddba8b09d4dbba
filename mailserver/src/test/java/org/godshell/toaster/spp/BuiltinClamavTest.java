package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.config.ClamdAddress;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.filter.clamav.FakeClamd;
import org.godshell.toaster.smtp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code builtin:clamav}: its line, its place, and clamd's verdicts as qmail-spp lines (a fake clamd here). */
class BuiltinClamavTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aVirusIsRefusedWith554AndItsName() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("stream: Win.Test.EICAR_HDB-1 FOUND"))) {
            PluginRun run = plugin("", clamd.address()).run(Section.BODY, body());
            assertEquals(List.of("E554 5.7.1 message refused: virus found: Win.Test.EICAR_HDB-1"), run.lines());
            assertInstanceOf(Command.Error.class, Command.parse(run.lines().get(0)));
        }
    }

    @Test
    void cleanMailGetsAHeader() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("stream: OK"))) {
            PluginRun run = plugin("", clamd.address()).run(Section.BODY, body());
            assertEquals(List.of("HX-Virus-Scanned: clamav"), run.lines());
            assertInstanceOf(Command.Header.class, Command.parse(run.lines().get(0)));
            assertTrue(run.stderr().contains("clean"), run.stderr());
        }
    }

    @Test
    void aHostileSignatureStillMakesAValidReplyLine() throws Exception {
        // A newline or NUL would end the reply (clamd's terminators); every other byte may come.
        String hostile = "stream: X\r250 2.0.0 queued\u001b" + "\u00e9".repeat(300) + " FOUND";
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering(hostile))) {
            PluginRun run = plugin("", clamd.address()).run(Section.BODY, body());
            Command.Error error = assertInstanceOf(Command.Error.class, Command.parse(run.lines().get(0)));
            assertEquals(554, error.reply().code());
            assertTrue(error.reply().text().startsWith("5.7.1 message refused: virus found: X?250 2.0.0 queued??"),
                    error.reply().text());
        }
    }

    @Test
    void tooLargeFailsClosedUnlessTheLineAcceptsIt() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("INSTREAM size limit exceeded. ERROR"))) {
            PluginRun closed = plugin("", clamd.address()).run(Section.BODY, body());
            assertTrue(closed.failure().orElseThrow().startsWith("message larger than clamd's StreamMaxLength"),
                    closed.failure().toString());
            PluginRun open = plugin("oversize=accept", clamd.address()).run(Section.BODY, body());
            assertEquals(List.of(), open.lines());
            assertTrue(open.failure().isEmpty() && open.stderr().contains("not scanned"), open.stderr());
        }
    }

    @Test
    void noClamdIsAFailure() throws Exception {
        PluginRun run = plugin("", UnixDomainSocketAddress.of(dir.resolve("none.sock"))).run(Section.BODY, body());
        assertTrue(run.failure().orElseThrow().startsWith("clamd at " + dir.resolve("none.sock")), run.failure()
                .toString());
    }

    @Test
    void outsideTheBodySectionItFailsNamingIt() throws Exception {
        BuiltinClamav plugin = plugin("", ClamdAddress.DEFAULT);
        PluginRun data = plugin.run(Section.DATA, body());
        assertTrue(data.failure().orElseThrow().contains("runs only in [body]"), data.failure().toString());
        PluginRun noFile = plugin.run(Section.BODY, Map.of());
        assertTrue(noFile.failure().orElseThrow().contains("SMTPMESSAGEFILE"), noFile.failure().toString());
        PluginRun relative = plugin.run(Section.BODY, Map.of("SMTPMESSAGEFILE", "message.eml"));
        assertTrue(relative.failure().orElseThrow().contains("absolute"), relative.failure().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oversize=reject", "oversize", "accept", "quarantine", "\u001b[31m"})
    void unknownArgumentsStopTheLine(String argument) {
        Builtins builtins = new Builtins(null, dir);
        PluginFactory.BadPlugin e = assertThrows(PluginFactory.BadPlugin.class,
                () -> builtins.parse("f:1", "builtin:clamav " + argument, "clamav " + argument));
        assertTrue(e.getMessage().contains("builtin:clamav oversize=accept"), e.getMessage());
    }

    @Test
    void controlClamdIsReadAgainAtTheNextScanAndShownByShowconfig() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("control"));
        Files.writeString(home.resolve("control/smtpplugins"), "[body]\nbuiltin:clamav\n");
        try (FakeClamd virus = FakeClamd.unix(Files.createDirectories(dir.resolve("a")),
                FakeClamd.answering("stream: Test.Sig FOUND"));
                FakeClamd clean = FakeClamd.tcp(FakeClamd.answering("stream: OK"))) {
            Files.writeString(home.resolve("control/clamd"), ClamdAddress.describe(virus.address()) + "\n");
            List<String> log = new ArrayList<>();
            SppEngine engine = SppEngine.load(home, TcpRules.allowAll(), log::add);
            SppSession session = engine.open(new HashMap<>(body()), log::add);
            Reply refused = assertInstanceOf(HookResult.Refuse.class, session.runBody(body()).result()).reply();
            assertEquals(554, refused.code());
            Files.writeString(home.resolve("control/clamd"), ClamdAddress.describe(clean.address()) + "\n");
            BodyVerdict scanned = session.runBody(body());
            assertInstanceOf(HookResult.Proceed.class, scanned.result());
            assertEquals(List.of("X-Virus-Scanned: clamav"), scanned.headers());
            SmtpConfig.Setting shown = engine.describe().stream().filter(s -> s.name().equals("clamd")).findFirst()
                    .orElseThrow();
            assertEquals(ClamdAddress.describe(clean.address()), shown.value());
        }
    }

    private BuiltinClamav plugin(String arguments, SocketAddress address) throws PluginFactory.BadPlugin {
        return BuiltinClamav.parse("f:1", "builtin:clamav " + arguments, arguments, () -> address, TIMEOUT);
    }

    private Map<String, String> body() throws Exception {
        Path message = Files.writeString(dir.resolve("message.eml"), "Subject: hello\r\n\r\nhello\r\n");
        return Map.of("SMTPMESSAGEFILE", message.toString(), "SMTPMESSAGESIZE", Long.toString(Files.size(message)));
    }
}
