package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The installer as its user runs it: arguments, exit codes, the preflight, and installs of the real distribution. */
class InstallerIT {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return InstallerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpExplainsEveryCommandAndTheExitCodes() {
        assertEquals(0, run("--help"));
        for (String word : List.of("install", "upgrade", "uninstall", "plan", "doctor", "Exit codes", "--unprivileged")) {
            assertTrue(out.toString().contains(word), word + " missing from:\n" + out);
        }
        assertEquals(0, run("install", "--help"));
        for (String option : List.of("--prefix", "--hostname", "--domain", "--admin", "--cert", "--key", "--dry-run",
                "--yes", "--no-start", "--unprivileged", "--password-file")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--hostname=mail example.org                       | --hostname \"mail example.org\" is not a host name",
        "--hostname=-bad.example.org                       | is not a host name",
        "--hostname=mail..example.org                      | is not a host name",
        "--domain=exa_mple.org                             | --domain \"exa_mple.org\" is not a host name",
        "--admin=postmaster                                | --admin \"postmaster\" is not a mailbox address",
        "--admin=\"a b\"@example.org                       | is not a mailbox address",
        "--admin=boss@elsewhere.org                        | is not in the domain localhost",
        "--cert=/etc/hostname                              | --cert and --key go together",
        "--frobnicate                                      | Unknown option: '--frobnicate'",
        "--prefix=/usr                                     | is a system directory",
        "--payload=/nonexistent/toaster.tar.gz             | is not a readable file",
    })
    void badArgumentsAreExitCodeTwoAndChangeNothing(String argument, String message) {
        Path prefix = temp.resolve("p");
        List<String> args = new ArrayList<>(List.of("--unprivileged", "--yes", argument));
        if (!argument.startsWith("--prefix")) {
            args.addAll(List.of("--prefix", prefix.toString()));
        }
        int code = run(args.toArray(String[]::new));
        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(prefix), "nothing may be created for bad arguments");
    }

    @Test
    void hostileNamesAreRefusedBeforeTheyReachAFile() {
        Path prefix = temp.resolve("p");
        for (String hostile : List.of("mail.example.org\nExecStart=/bin/sh", "x".repeat(300) + ".org",
                "mail.example.org;rm", "ma\0il.example.org")) {
            assertEquals(2, run("--unprivileged", "--yes", "--prefix", prefix.toString(), "--hostname", hostile));
            assertFalse(err.toString().contains("\n" + "ExecStart"), "the value is echoed without its line break");
        }
        assertFalse(Files.exists(prefix));
    }

    @Test
    void foreignDirectoryFailsThePreflightWithExitThree() throws IOException {
        Path foreign = Files.createDirectory(temp.resolve("home"));
        Files.writeString(foreign.resolve("thesis.tex"), "mine");
        Map<String, String> before = Snapshot.of(foreign);
        assertEquals(3, run("--unprivileged", "--yes", "--no-start", "--prefix", foreign.toString()));
        assertTrue(out.toString().contains("FAILED   --prefix " + foreign + " is not empty and holds no toaster"),
                out.toString());
        assertTrue(err.toString().contains("the preflight failed"), err.toString());
        assertEquals(before, Snapshot.of(foreign));
    }

    @Test
    void aPortHeldByAnotherProcessIsNamedWithItsPid() throws IOException {
        ServerSocket holder;
        try {
            holder = new ServerSocket(2587, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            assumeTrue(false, "port 2587 is in use here already: " + e.getMessage());
            return;
        }
        try (holder) {
            assertEquals(3, run("plan", "--unprivileged", "--prefix", temp.resolve("p").toString()));
            assertTrue(out.toString().contains("(pid " + ProcessHandle.current().pid() + ") holds port 2587"),
                    out.toString());
            assertEquals(0, run("plan", "--unprivileged", "--no-start", "--prefix", temp.resolve("p").toString()),
                    "without starting, a held port is only a warning");
            assertTrue(out.toString().contains("warning  java (pid"), out.toString());
        }
    }

    @Test
    void dryRunOnAFreshPrefixCreatesNothing() {
        Path prefix = temp.resolve("fresh");
        assertEquals(0, run("--dry-run", "--unprivileged", "--no-start", "--prefix", prefix.toString()), err.toString());
        assertTrue(out.toString().contains("  to do  program files"), out.toString());
        assertTrue(out.toString().contains("nothing was changed"), out.toString());
        assertFalse(Files.exists(prefix));
    }

    @Test
    void installRerunDryRunAndUninstallOfTheRealDistribution() throws IOException {
        Path dist = RealDistribution.require();
        Path prefix = temp.resolve("toaster");
        Path password = temp.resolve("password");
        String[] install = {"--unprivileged", "--no-start", "--prefix", prefix.toString(), "--payload", dist.toString(),
            "--password-file", password.toString(), "--admin", "you@localhost"};
        assertEquals(0, run(install), out + "\n" + err);
        assertTrue(Files.readString(prefix.resolve("domains/localhost/passwd")).startsWith("you@localhost:"));
        assertEquals("localhost\n", Files.readString(prefix.resolve("control/me")));
        assertEquals("127.0.0.1:2525\n", Files.readString(prefix.resolve("control/listen-smtp")));
        assertEquals("rw-------", mode(password));
        assertEquals("rw-------", mode(prefix.resolve("control/servercert.pem")));
        assertEquals("rwxr-x---", mode(prefix.resolve("domains")));
        assertEquals("rwx------", mode(prefix.resolve("queue")));
        assertTrue(Files.isRegularFile(prefix.resolve("share/grafana/toaster-dashboard.json")), "the dashboard ships");

        Map<String, String> before = Snapshot.of(prefix);
        assertEquals(0, run(install), out + "\n" + err);
        assertEquals(9, out.toString().lines().filter(line -> line.endsWith("(nothing to do)")).count(), out.toString());
        assertFalse(out.toString().contains("  doing  "), out.toString());
        assertEquals(withoutJournal(before), withoutJournal(Snapshot.of(prefix)), "a rerun changes nothing");

        before = Snapshot.of(prefix);
        Files.writeString(prefix.resolve("control/me"), "edited.example.org\n");
        before.put("control/me", Snapshot.of(prefix).get("control/me"));
        assertEquals(0, run(install[0], "--dry-run", install[2], install[3], install[4], install[5], install[6],
                install[7], install[8], install[9]), err.toString());
        assertTrue(out.toString().contains("  to do  control files"), "me.toaster-new would be written: " + out);
        assertEquals(before, Snapshot.of(prefix), "--dry-run changes nothing");

        assertEquals(0, run("uninstall", "--prefix", prefix.toString()), out + "\n" + err);
        assertFalse(Files.exists(prefix.resolve("bin")));
        assertFalse(Files.exists(prefix.resolve("lib")));
        assertFalse(Files.exists(prefix.resolve("share")), "share/ is the program's");
        assertTrue(Files.exists(prefix.resolve("domains/localhost/passwd")), "uninstall keeps the users");
        assertEquals("edited.example.org\n", Files.readString(prefix.resolve("control/me")));

        assertEquals(2, run("uninstall", "--purge", "--prefix", prefix.toString()), "no terminal and no --yes");
        assertTrue(Files.exists(prefix.resolve("domains")));
        assertEquals(0, run("uninstall", "--purge", "--yes", "--prefix", prefix.toString()), err.toString());
        assertFalse(Files.exists(prefix));
        assertEquals(3, run("uninstall", "--prefix", prefix.toString()));
    }

    @Test
    void installKilledBetweenStepsCompletesOnRerun() throws Exception {
        Path dist = RealDistribution.require();
        Path killed = temp.resolve("killed");
        List<String> args = List.of("--unprivileged", "--no-start", "--yes", "--payload", dist.toString(),
                "--password-file", temp.resolve("pw").toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstallerMain.class.getName(), "--prefix",
                killed.toString()));
        command.addAll(args);
        Process installer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(installer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("  doing  control files")) {
                continue;
            }
            assertTrue(line != null, "the installer ended before the control files step");
            List<ProcessHandle> children = installer.descendants().toList();
            installer.destroyForcibly();                                   // SIGKILL, between two lines of work
            installer.waitFor(30, TimeUnit.SECONDS);
            // A bin/toaster the installer had just started lives on as an orphan and finishes alone; wait for it.
            List<ProcessHandle> orphans = new ArrayList<>(children);
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(killed.toString()))
                    .forEach(orphans::add);
            for (ProcessHandle orphan : orphans) {
                orphan.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        assertTrue(Files.readString(killed.resolve(".toaster-journal")).contains("done program-files"));
        assertFalse(Files.readString(killed.resolve(".toaster-journal")).contains("complete"));
        assertFalse(Files.exists(killed.resolve(".toaster-install")), "killed before the end");

        List<String> rerun = new ArrayList<>(List.of("--prefix", killed.toString()));
        rerun.addAll(args);
        assertEquals(0, run(rerun.toArray(String[]::new)), out + "\n" + err);
        assertTrue(out.toString().contains("resuming an interrupted run"), out.toString());

        Path clean = temp.resolve("clean");
        List<String> fresh = new ArrayList<>(List.of("--prefix", clean.toString()));
        fresh.addAll(args);
        assertEquals(0, run(fresh.toArray(String[]::new)), out + "\n" + err);
        assertEquals(shape(clean), shape(killed), "the resumed install has every file a clean one has");
    }

    private static String mode(Path path) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Map<String, String> withoutJournal(Map<String, String> snapshot) {
        snapshot.remove(".toaster-journal");                               // bookkeeping of the run itself
        return snapshot;
    }

    /**
     * Names and modes only: certificates, password hashes and prefixes differ between two installs, and so does
     * the name of the wiki's first commit object (it holds the time of the install), and with it the names of the
     * site's build directory (number, commit, random part) and of the commit's page.
     */
    private static Map<String, String> shape(Path root) throws IOException {
        Map<String, String> shape = new java.util.TreeMap<>();
        Snapshot.of(root).forEach((name, value) -> {
            if (!name.equals(".toaster-journal") && !name.equals(".toaster-manifest")
                    && !name.startsWith("wiki/wiki.git/objects/")) {
                shape.put(name.replaceFirst("^(wiki/site\\.builds/[0-9]+)-[0-9a-f]+-[0-9]+", "$1-BUILD")
                        .replaceFirst("/_commit/[0-9a-f]{40}\\.html$", "/_commit/COMMIT.html"), value.split(" ")[0]);
            }
        });
        return shape;
    }
}
