package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --users} and {@code --users-password-file} as typed: a bad URL or password file is exit 2 with the option
 * named, before anything changes; a good one shows in the plan with the files it writes, never the password.
 */
class UsersOptionTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A plan, which changes nothing; an unqualified host name, so the preflight asks no DNS. */
    private int run(String... options) throws Exception {
        List<String> argv = new ArrayList<>(List.of("plan", "--prefix", temp.resolve("toaster").toString(),
                "--hostname", "mx1", "--domain", "example.org", "--no-imap", "--yes",
                "--payload", Files.writeString(temp.resolve("payload.tar.gz"), "").toString()));
        argv.addAll(List.of(options));
        return new CommandLine(new InstallerMain()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(argv.toArray(String[]::new));
    }

    @Test
    void aBadUrlOrPasswordFileIsExit2AndChangesNothing() throws Exception {
        Path password = Files.writeString(temp.resolve("pw"), "s3cret\n");
        assertEquals(ExitCode.USAGE, run("--users", "postgresql://toaster:s3cret@db.example.net/toaster",
                "--users-password-file", password.toString()));
        assertTrue(err.toString().contains("--users holds a password"), err.toString());
        assertFalse(err.toString().contains("s3cret"), err.toString());
        assertEquals(ExitCode.USAGE, run("--users", "postgresql://toaster@db.example.net/toaster"));
        assertTrue(err.toString().contains("--users needs --users-password-file"), err.toString());
        assertEquals(ExitCode.USAGE, run("--users", "postgresql://toaster@db.example.net/toaster",
                "--users-password-file", temp.resolve("missing").toString()));
        assertEquals(ExitCode.USAGE, run("--users-password-file", password.toString()));
        assertFalse(Files.exists(temp.resolve("toaster")), "nothing made");
    }

    @Test
    void theDryRunShowsTheDatabaseAndTheFilesNotThePassword() throws Exception {
        Path password = Files.writeString(temp.resolve("pw"), "s3cret\n");
        int exit = run("--users", "postgresql://toaster@db.example.net/toaster", "--users-password-file",
                password.toString());
        String plan = out.toString();
        assertTrue(exit == ExitCode.OK || exit == ExitCode.PREFLIGHT, err.toString() + plan);
        if (exit == ExitCode.OK) {
            assertTrue(plan.contains("users in the PostgreSQL database postgresql://toaster@db.example.net:5432/"
                    + "toaster: control/userdb, control/userdbpassword (mode 0600)"), plan);
            assertTrue(plan.contains("mail domain example.org in the user database"), plan);
        }
        assertFalse(plan.contains("s3cret") || err.toString().contains("s3cret"), plan);
    }
}
