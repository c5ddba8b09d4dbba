package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped spamassassin sample in [body], run as the engine runs it (the message file on its stdin), with a
 * stand-in spamc that answers what spamc -c answers: SCORE/REQUIRED and exit 1 for spam, 0 for ham, an EX_*
 * code when spamd cannot be reached. The stand-in keeps what it read, to show the message reached it.
 */
class SpamassassinSampleTest {

    private static final String MESSAGE = "Subject: lunch\r\n\r\nShall we?\r\n";

    @TempDir
    Path home;

    @Test
    void hamGetsItsScoreSpamGoesToJunkAndAboveTheRefusalScoreIsRefused() throws Exception {
        assertEquals(List.of("HX-Spam: No", "HX-Spam-Score: 3.1 / 5.0"), run("3.1/5.0", 0, "12").lines());
        assertEquals(MESSAGE, Files.readString(home.resolve("bin/seen")), "spamc read the message on its stdin");
        assertEquals(List.of("HX-Spam: Yes", "HX-Spam-Score: 7.5 / 5.0", "Qspamassassin 7.5"),
                run("7.5/5.0", 1, "12").lines());
        assertEquals(List.of("E554 5.7.1 message refused as spam (13.0) (#5.7.1)"), run("13.0/5.0", 1, "12").lines());
        assertEquals(List.of("HX-Spam: Yes", "HX-Spam-Score: 13.0 / 5.0", "Qspamassassin 13.0"),
                run("13.0/5.0", 1, "").lines(), "without a refusal score nothing is refused");
    }

    @Test
    void spamdDownOrAnAnswerThatIsNoScoreFailsThePluginSoTheMessageIsDeferred() throws Exception {
        for (PluginRun failed : List.of(run("0/0", 69, "12"), run("<html>", 0, "12"), run("3/5", 0, "1x"))) {
            assertTrue(failed.failure().isPresent(), failed.toString());
            assertEquals(120, failed.exit(), failed.toString());
        }
    }

    private PluginRun run(String answer, int exit, String reject) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path spamc = Files.writeString(bin.resolve("spamc"), "#!/bin/sh\ncat > '" + bin.resolve("seen")
                + "'\necho '" + answer + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(spamc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path message = Files.writeString(home.resolve("message"), MESSAGE);
        Path script = Path.of("").toAbsolutePath().resolve("src/dist/plugins/spamassassin");
        ProcessPlugin plugin = new ProcessPlugin("f:1", ":plugins/spamassassin " + reject, true,
                "PATH='" + bin + "':\"$PATH\" exec dash '" + script + "' " + reject,
                new PluginRunner(home, Duration.ofSeconds(30)));
        return plugin.run(Section.BODY, Map.of("SMTPMESSAGEFILE", message.toString(),
                "SMTPMESSAGESIZE", Long.toString(Files.size(message))));
    }
}
