package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster spp test}: the admin's dry run of the plugins, with real plugins in a temporary prefix. */
class SppTestCommandTest {

    @TempDir
    Path prefix;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mx.test\n");
        Files.writeString(control.resolve("rcpthosts"), "local.test\n");
        Files.writeString(control.resolve("tcp.smtp"), "10.:allow,RELAYCLIENT=\"\"\n192.0.2.66:deny\n");
        Files.writeString(control.resolve("smtpplugins"), "[helo]\nplugins/helo\n[rcpt]\nplugins/rcpt\n");
        plugin("helo", "case \"$SMTPHELOHOST\" in *.bad) printf 'R554 5.7.1 go away\\n';; esac");
        plugin("rcpt", "echo \"saw $SMTPRCPTTO ok=$SMTPRCPTHOSTSOK all=$SMTPRCPTCOUNTALL\" >&2\n"
                + "case \"$SMTPRCPTTO\" in nobody@*) printf 'E550 5.1.1 no mailbox\\n';; esac");
    }

    private void plugin(String name, String body) throws IOException {
        Path file = Files.createDirectories(prefix.resolve("plugins")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "spp";
        all[1] = "test";
        all[2] = "--prefix";
        all[3] = prefix.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void showsEachPluginsOutputStderrAndTheVerdicts() {
        assertEquals(0, run("--ip", "192.0.2.1", "--helo", "client.example", "--from", "a@x.test",
                "--rcpt", "nobody@local.test", "--rcpt", "bob@far.test"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("RCPT TO:<nobody@local.test>\n"), text);
        assertTrue(text.contains("out=E550 5.1.1 no mailbox"), text);
        assertTrue(text.contains("rcpt: saw nobody@local.test ok=1 all=1"), text);
        assertTrue(text.contains("  => refused: 550 5.1.1 no mailbox"), text);
        assertTrue(text.contains("rcpt: saw bob@far.test ok=0 all=2"), text);
    }

    @Test
    void theRuleOfTheAddressChoosesTheVariablesAndCanDeny() {
        assertEquals(0, run("--ip", "10.1.2.3", "--from", "a@x.test", "--rcpt", "bob@far.test"));
        assertTrue(out.toString().contains("variables {RELAYCLIENT=}"), out.toString());
        assertTrue(out.toString().contains("saw bob@far.test ok=1"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("--ip", "192.0.2.66"));
        assertTrue(out.toString().contains("the server refuses this client"), out.toString());
    }

    @Test
    void aRefusalThatEndsTheSessionStopsTheSimulation() {
        assertEquals(1, run("--helo", "spam.bad", "--from", "a@x.test"));
        assertTrue(out.toString().contains("refused and disconnected: 554 5.7.1 go away"), out.toString());
        assertTrue(!out.toString().contains("MAIL FROM"), out.toString());
    }

    @Test
    void badArgumentsAndBadFilesAreClear() throws IOException {
        assertEquals(2, run("--ip", "$(reboot)"));
        assertTrue(err.toString().contains("is not an IP address"), err.toString());
        Files.writeString(prefix.resolve("control/smtpplugins"), "[rcpt]\nplugins/missing\n");
        assertEquals(1, run());
        assertTrue(err.toString().contains("smtpplugins:2: "), err.toString());
    }
}
