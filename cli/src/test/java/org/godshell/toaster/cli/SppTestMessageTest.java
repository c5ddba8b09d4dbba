package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster spp test --message}: the [body] section over a file, with real plugins and hostile files. */
class SppTestMessageTest {

    @TempDir
    Path prefix;
    @TempDir
    Path files;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mx.test\n");
        Files.writeString(control.resolve("rcpthosts"), "local.test\n");
        Files.writeString(control.resolve("databytes"), "100000\n");
        Files.writeString(control.resolve("smtpplugins"), "[rcpt]\nplugins/tag\n[body]\nplugins/keep\n"
                + ":plugins/phrase 'cheap watches'\nplugins/score\n");
        plugin("tag", "printf 'HX-Rcpt: %s\\n' \"$SMTPRCPTTO\"");
        plugin("keep", "cp \"$SMTPMESSAGEFILE\" kept.eml\nprintf '%s %s\\n' \"$(stat -c %a \"$SMTPMESSAGEFILE\")\" "
                + "\"$SMTPRCPTTOALL\" > kept.env\ntouch ran");
        plugin("phrase", "grep -q -i \"$1\" && printf 'E550 5.7.1 no %s here\\n' \"$1\"; exit 0");
        plugin("score", "printf 'HX-Score: 7\\nQ score 7\\n'");
    }

    private void plugin(String name, String body) throws IOException {
        Path file = Files.createDirectories(prefix.resolve("plugins")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"spp", "test", "--prefix", prefix.toString()}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    private int send(Path message) {
        return run("--from", "a@x.test", "--rcpt", "u@local.test", "--rcpt", "v@local.test", "--message",
                message.toString());
    }

    @Test
    void theBodyPluginsSeeTheMessageAsTheServerWouldStoreIt() throws IOException {
        Path message = Files.writeString(files.resolve("m.eml"), "Subject: hi\n\n.hidden dot\nlunch?\n");
        assertEquals(0, send(message), out + "\n" + err);
        String text = out.toString();
        assertTrue(text.contains("end of DATA: " + message + ", 32 bytes"), text);
        assertTrue(text.contains("  adds the header X-Score: 7"), text);
        assertTrue(text.contains("  => accepted into the recipients' Junk folder (Q: score 7)"), text);
        byte[] expected = ("X-Rcpt: u@local.test\r\nX-Rcpt: v@local.test\r\nSubject: hi\r\n\r\n.hidden dot\r\n"
                + "lunch?\r\n").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, Files.readAllBytes(prefix.resolve("kept.eml")),
                "the [rcpt] headers first, then the file with CRLF line ends, dot-unstuffed");
        assertEquals("400 u@local.test\nv@local.test\n", Files.readString(prefix.resolve("kept.env")));
    }

    @Test
    void aRefusalIsShownAndExitsOne() throws IOException {
        Path message = Files.writeString(files.resolve("m.eml"), "Subject: offer\r\n\r\nCheap Watches!\r\n");
        assertEquals(1, send(message));
        assertTrue(out.toString().contains("  => refused: 550 5.7.1 no cheap watches here"), out.toString());
        assertFalse(out.toString().contains("X-Score"), "the plugins after a refusal do not run");
    }

    @Test
    void aMissingFileADirectoryOrNoRecipientIsAnErrorBeforeAnyPluginRuns() throws IOException {
        assertEquals(2, send(files.resolve("none.eml")));
        assertTrue(err.toString().contains("none.eml does not exist"), err.toString());
        assertEquals(2, send(files));
        assertTrue(err.toString().contains("is not a regular file"), err.toString());
        assertEquals(2, run("--message", Files.writeString(files.resolve("m.eml"), "x\n").toString()));
        assertTrue(err.toString().contains("--message needs --from and at least one --rcpt"), err.toString());
        assertFalse(Files.exists(prefix.resolve("ran")));
        assertEquals(1, run("--from", "a@x.test", "--rcpt", "nobody@far.test", "--message",
                files.resolve("m.eml").toString()));
        assertTrue(out.toString().contains("then refused by the server's rcpthosts check: 553 5.7.1"), out.toString());
        assertTrue(out.toString().contains("=> no recipient accepted"), out.toString());
    }

    @Test
    void aFileOverDatabytesOrWithBytesTheServerRefusesNeverReachesThePlugins() throws IOException {
        byte[] huge = new byte[150_000];
        Arrays.fill(huge, (byte) 'x');
        for (int i = 70; i < huge.length; i += 71) {
            huge[i] = '\n';
        }
        assertEquals(1, send(Files.write(files.resolve("huge.eml"), huge)));
        assertTrue(out.toString().contains("refused by the server before any plugin: 552 5.3.4"), out.toString());

        byte[] garbage = new byte[20_000];
        new Random(20).nextBytes(garbage);
        garbage[100] = 0;
        assertEquals(1, send(Files.write(files.resolve("garbage.bin"), garbage)));
        assertTrue(out.toString().contains("refused by the server before any plugin: 554 5.6.0"), out.toString());
        assertFalse(Files.exists(prefix.resolve("ran")), "no [body] plugin ran for either");
    }

    @Test
    void binaryBytesTheServerWouldTakeAreHandedOverAsTheyAre() throws IOException {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        for (int i = 0; i < binary.length; i++) {
            binary[i] = i % 64 == 63 ? (byte) '\n' : (byte) (binary[i] == 0 || binary[i] == '\r' || binary[i] == '\n'
                    ? 'z' : binary[i]);
        }
        assertEquals(0, send(Files.write(files.resolve("binary.bin"), binary)), out + "\n" + err);
        assertTrue(Files.size(prefix.resolve("kept.eml")) > binary.length, "every LF became CRLF");
    }
}
