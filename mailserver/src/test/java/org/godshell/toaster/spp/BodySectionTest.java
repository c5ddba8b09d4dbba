package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.TcpRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [body]} section through the engine, with real processes: the message on stdin, {@code H} and
 * {@code Q} handed back, the message's variables for the section only, and how its plugins fail.
 */
class BodySectionTest {

    @TempDir
    Path home;
    private final List<String> log = new ArrayList<>();
    private Path message;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(home.resolve("control"));
        message = Files.writeString(home.resolve("message"), "Subject: offer\r\n\r\nbuy now\r\n");
        plugin("phrase", "grep -q 'buy now' && printf 'E550 5.7.1 no offers here (#5.7.1)\\n'; exit 0");
        plugin("tag", "printf 'HX-Scanned: yes\\nQ score 9.5\\n'");
        plugin("next", "printf 'HX-Second: 1\\nN\\n'");
        plugin("refuse", "printf 'E554 5.7.1 no\\n'");
        plugin("crash", "kill -9 $$");
        plugin("garbage", "printf 'HX-Half: applied?\\nhello\\n'");
        plugin("hang", "sleep 30");
        plugin("quiet", "printf 'N\\n'");
        plugin("env", "printf '%s|%s|%s\\n' \"$SMTPMESSAGEFILE\" \"$SMTPMESSAGESIZE\" \"$SMTPRCPTTOALL\" >&2");
    }

    private void plugin(String name, String body) throws IOException {
        Path file = Files.createDirectories(home.resolve("plugins")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SppSession session(String plugins, Map<String, String> environment) throws Exception {
        Files.writeString(home.resolve("control/smtpplugins"), plugins);
        Files.writeString(home.resolve("control/spptimeout"), "1\n");
        return SppEngine.load(home, TcpRules.parse("", "tcp.smtp"), log::add).open(new HashMap<>(environment),
                log::add);
    }

    private BodyVerdict body(String plugins) throws Exception {
        return session(plugins, Map.of()).runBody(variables());
    }

    private Map<String, String> variables() throws IOException {
        return Map.of("SMTPMESSAGEFILE", message.toString(), "SMTPMESSAGESIZE", Long.toString(Files.size(message)),
                "SMTPRCPTTOALL", "a@local.test\nb@local.test");
    }

    @Test
    void aScriptReadsTheMessageOnItsStdinAndRefusesIt() throws Exception {
        HookResult.Refuse refuse = assertInstanceOf(HookResult.Refuse.class, body("[body]\nplugins/phrase\n").result());
        assertEquals("550 5.7.1 no offers here (#5.7.1)", refuse.reply().toWire(true).strip());
        Files.writeString(message, "Subject: hi\r\n\r\nlunch?\r\n");
        assertInstanceOf(HookResult.Proceed.class, body("[body]\nplugins/phrase\n").result());
    }

    @Test
    void headersAndTheQuarantineComeBackAndQLetsLaterPluginsRun() throws Exception {
        BodyVerdict verdict = body("[b]\nplugins/tag\nplugins/next\nplugins/refuse\n");
        assertInstanceOf(HookResult.Proceed.class, verdict.result(), "N ended the section before refuse");
        assertEquals(List.of("X-Scanned: yes", "X-Second: 1"), verdict.headers());
        assertEquals(Optional.of("score 9.5"), verdict.quarantine());
        assertTrue(log.stream().anyMatch(l -> l.contains("quarantines the message: score 9.5")), log.toString());

        BodyVerdict refused = body("[body]\nplugins/tag\nplugins/refuse\n");
        assertInstanceOf(HookResult.Refuse.class, refused.result(), "a refusal after Q still refuses");
    }

    @Test
    void theMessageVariablesAreSetForTheSectionOnlyAndWhatWasThereComesBack() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("SMTPMESSAGESIZE", "set by a tcp.smtp rule"));
        Files.writeString(home.resolve("control/smtpplugins"), "[body]\nplugins/env\n");
        SppSession session = SppEngine.load(home, TcpRules.parse("", "tcp.smtp"), log::add).open(environment,
                log::add);
        session.runBody(variables());
        assertTrue(log.contains("spp env: " + message + "|" + Files.size(message) + "|a@local.test"), log.toString());
        assertTrue(log.contains("spp env: b@local.test"), "SMTPRCPTTOALL is one recipient per line: " + log);
        assertEquals(Map.of("SMTPMESSAGESIZE", "set by a tcp.smtp rule"), environment);
    }

    @Test
    void aPluginThatNeverReadsItsStdinIsNotHeldUpByABigMessage() throws Exception {
        try (OutputStream out = Files.newOutputStream(message)) {
            byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 8 * 1024 * 1024 / line.length; i++) {
                out.write(line);
            }
        }
        plugin("reads-a-little", "head -c 100 >/dev/null; printf 'HX-Read: some\\n'");
        BodyVerdict verdict = body("[body]\nplugins/quiet\n");
        assertInstanceOf(HookResult.Proceed.class, verdict.result());
        verdict = body("[body]\nplugins/reads-a-little\nplugins/phrase\n");
        assertInstanceOf(HookResult.Proceed.class, verdict.result());
        assertEquals(List.of("X-Read: some"), verdict.headers());
    }

    @Test
    void aCrashAHangOrGarbageIs451AndNothingOfTheOutputIsApplied() throws Exception {
        for (String failing : List.of("crash", "hang", "garbage")) {
            BodyVerdict verdict = body("[body]\nplugins/" + failing + "\nplugins/quiet\n");
            HookResult.Refuse refuse = assertInstanceOf(HookResult.Refuse.class, verdict.result(), failing);
            assertEquals(451, refuse.reply().code(), failing);
            assertTrue(refuse.reply().toWire(true).contains("qmail-spp failure: " + failing), refuse.toString());
        }
        assertEquals(List.of(), body("[body]\nplugins/garbage\n").headers());
    }

    @Test
    void failopenLogsAFailureAndGoesOnAsIfThePluginPrintedNothing() throws Exception {
        for (String failing : List.of("crash", "hang", "garbage")) {
            log.clear();
            BodyVerdict verdict = body("[body]\nfailopen:plugins/" + failing + "\nplugins/next\n");
            assertInstanceOf(HookResult.Proceed.class, verdict.result(), failing);
            assertEquals(List.of("X-Second: 1"), verdict.headers(), "the half-printed header is not kept");
            assertTrue(log.stream().anyMatch(l -> l.startsWith("spp " + failing + ": failed (")
                    && l.endsWith("skipped as failopen: asks")), log.toString());
        }
        BodyVerdict refused = body("[body]\nfailopen:plugins/refuse\n");
        assertInstanceOf(HookResult.Refuse.class, refused.result(), "a plugin that works still refuses");
    }

    @Test
    void failopenWorksInEverySectionAndForShellLines() throws Exception {
        SppSession session = session("[rcpt]\nfailopen::exit 120\n[mail]\n:exit 120\n", Map.of());
        assertInstanceOf(HookResult.Proceed.class, session.run(Section.RCPT));
        assertInstanceOf(HookResult.Refuse.class, session.run(Section.MAIL));
    }

    @Test
    void quarantineOutsideBodyIsGarbage() throws Exception {
        plugin("q", "printf 'Q\\n'");
        SppSession session = session("[rcpt]\nplugins/q\n", Map.of());
        HookResult.Refuse refuse = assertInstanceOf(HookResult.Refuse.class, session.run(Section.RCPT));
        assertEquals(451, refuse.reply().code());
        assertTrue(log.stream().anyMatch(l -> l.contains("only works in [body]")), log.toString());
    }

    @Test
    void noBodyPluginsOrAnAcceptMeansTheSectionDoesNotRun() throws Exception {
        assertFalse(session("[rcpt]\nplugins/quiet\n", Map.of()).runs(Section.BODY));
        plugin("accept", "printf 'A\\n'");
        SppSession session = session("[rcpt]\nplugins/accept\n[body]\nplugins/refuse\n", Map.of());
        assertTrue(session.runs(Section.BODY));
        session.run(Section.RCPT);
        assertFalse(session.runs(Section.BODY), "A turned the plugins off for the session");
    }
}
