package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.MailClient.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.MountableFile;

/**
 * End to end on a Debian 12 host booted with systemd as PID 1 (issue 16): the real {@code toaster-installer.jar}
 * installs in system mode, and the test drives the life cycle an admin lives through: mail in on 25, 587 and 465
 * and out over POP3S, the wiki over HTTPS, {@code toaster user add} run as root, {@code systemctl stop}, {@code
 * restart} and a crash of each unit, a reboot, an install rerun, an upgrade, doctor, uninstall and purge; and
 * the flows of later issues on that install (signed mail, IMAP, a certificate from an ACME CA).
 *
 * <p>The container shares the host's network, so the toaster's real ports are this machine's loopback ports and
 * the test talks to them directly ({@link MailClient}, {@link InstallerContainerIT#fetch}). Its resolv.conf names
 * 127.0.0.1, where nothing answers: no DNS question leaves the machine. The host's JDK is mounted read-only at
 * its own path and linked as /usr/bin/java. The image ({@code systemd-host/Dockerfile}: systemd on the local
 * {@code debian:bookworm-slim}) is built once and kept under {@value #IMAGE}; change the tag when the Dockerfile
 * changes. Under CI ({@code CI=true}) a missing Docker engine fails the test; elsewhere it is skipped.
 */
class InstallerSystemdIT {

    private static final String IMAGE = "toaster-test/systemd-host:2";
    private static final String JAR = "/root/toaster-installer.jar";
    private static final String DOMAIN = "/opt/toaster/domains/example.test";
    private static final String MAILDIR = DOMAIN + "/postmaster/Maildir/new";
    private static final String BOB = "bob@example.test";
    private static final String BOB_PASSWORD = "bob-password-1";
    private static final List<String> UNITS = List.of("toaster-smtpd.service", "toaster-pop3d.service",
            "toaster-wiki.service");
    private static final List<Integer> PORTS = List.of(25, 80, 110, 143, 443, 465, 587, 993, 995);
    private static final Duration SERVICE_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private GenericContainer<?> host;

    @Test
    void installedToasterLivesThroughTheUnitLifeCycleOnASystemdHost() throws Exception {
        InstallerContainerIT.requireDocker();
        String version = System.getProperty("toaster.expected.version");
        Path jar = Path.of(System.getProperty("toaster.installer.jar"));
        assertTrue(Files.isRegularFile(jar), "build the installer first: " + jar);
        Path jdk = Path.of(System.getProperty("java.home")).toRealPath();
        Path newer = temp.resolve("newer.tar.gz");
        NewerPayload.write(jar, version + "-next",
                Map.of("control/smtpplugins-local", "# new in the next version\n"), newer);
        Path resolvConf = Files.writeString(temp.resolve("resolv.conf"), "nameserver 127.0.0.1\n");

        BackupFlow.Taken backups;
        String toBob;
        try (GenericContainer<?> container = newHost(jdk, resolvConf, jar)
                .withCopyFileToContainer(MountableFile.forHostPath(newer), "/root/newer.tar.gz")) {
            host = container;
            container.start();
            awaitSystemd();
            run(0, "ln", "-sf", jdk.resolve("bin/java").toString(), "/usr/bin/java");

            // 1. Install: every unit enabled and active, and "running" said only once the ports answer.
            long started = System.nanoTime();
            String out = run(0, "java", "-jar", JAR, "--hostname", "mail.example.test", "--yes").getStdout();
            List<Integer> silentAtTheEnd = closedPorts();
            System.out.printf("install under systemd: %.1f s%n%s%n", (System.nanoTime() - started) / 1e9, out);
            Matcher password = Pattern.compile("password of postmaster@example.test: (\\S+)").matcher(out);
            assertTrue(password.find(), out);
            for (String unit : UNITS) {
                assertEquals("enabled", exec("systemctl", "is-enabled", unit).getStdout().strip(),
                        unit + " must be enabled, or a reboot leaves it down");
            }
            Matcher summary = Pattern.compile("The toaster for .*").matcher(out);
            assertTrue(summary.find(), out);
            assertTrue(silentAtTheEnd.isEmpty() || !summary.group().contains("running"), "the install said '"
                    + summary.group() + "' while ports " + silentAtTheEnd + " did not answer yet");
            awaitServing("after the install");

            // 2. Mail in on 25, 587 (STARTTLS + AUTH) and 465 (TLS + AUTH), out over POP3S; the wiki over HTTPS.
            String admin = "postmaster@example.test";
            List<String> subjects = List.of("via-25-" + System.nanoTime(), "via-587-" + System.nanoTime(),
                    "via-465-" + System.nanoTime());
            MailClient.send(25, Tls.NONE, null, null, "someone@example.org", admin, subjects.get(0));
            MailClient.send(587, Tls.STARTTLS, admin, password.group(1), admin, admin, subjects.get(1));
            MailClient.send(465, Tls.IMPLICIT, admin, password.group(1), admin, admin, subjects.get(2));
            for (String subject : subjects) {
                awaitDelivery(MAILDIR, subject);
            }
            String drop = String.join("\n", MailClient.fetchAll(995, admin, password.group(1)));
            subjects.forEach(subject -> assertTrue(drop.contains("Subject: " + subject), subject + " over POP3S"));
            String home = InstallerContainerIT.fetch("https://127.0.0.1:443/");
            assertTrue(home.startsWith("200 ") && home.contains("Godshell Toaster"), home);

            // 3. The admin's first command, as root (Quick start): the new user gets mail and logs in.
            toBob = userAddedByRootGetsMail();

            // 3b. The admin's mail leaves signed by the keys the installer made, and passes DKIM, SPF and DMARC at a
            // second toaster; a forgery of the domain is refused there (issue 19).
            SignedMailFlow.run(this::sh, admin, password.group(1));

            // 3c. IMAP from the Dovecot the installer set up, over the same Maildir POP3 reads (issue 21).
            String toArchive = "to-archive-" + System.nanoTime();
            MailClient.send(25, Tls.NONE, null, null, "someone@example.org", BOB, toArchive);
            awaitDelivery(DOMAIN + "/bob/Maildir/new", toArchive);
            ImapFlow.run(this::sh, BOB, BOB_PASSWORD, toBob, toArchive);

            // 3d. A rerun with --acme: the certificate from an ACME CA (Pebble on this machine), through the wiki's
            // HTTP-01 on port 80, served by SMTPS, POP3S, HTTPS and Dovecot without a restart (issue 22).
            AcmeFlow.run(this::sh, JAR, temp);

            // 3e. An old qmail/vpopmail toaster taken over: old passwords, old UIDLs, aliases (issue 24).
            QmailImportFlow.run(this::sh);

            // 3f. Backups while mail arrives, verified; a damaged copy refused by name; kept for step 10.
            backups = BackupFlow.backUp(this::sh, QmailImportFlow.ANN, "/opt/toaster/domains/oldmail.test/ann/Maildir",
                    "old-seen");
            for (String archive : backups.archives()) {
                container.copyFileFromContainer(BackupFlow.DIR + "/" + archive, temp.resolve(archive).toString());
            }

            // 4. Stop (inactive, never failed, the system not degraded by us), start, restart; a crash restarts.
            stopStartRestartAndCrash();

            // 5. A reboot brings every unit back.
            DockerClient docker = DockerClientFactory.instance().client();
            docker.restartContainerCmd(container.getContainerId()).withTimeout(90).exec();
            awaitSystemd();
            awaitServing("after a reboot");

            // 6. A rerun of a complete install changes nothing and restarts nothing.
            Map<String, String> beforeRerun = mainPids();
            ExecResult rerun = run(0, "java", "-jar", JAR, "--yes");
            assertFalse(rerun.getStdout().contains("  doing  "), rerun.getStdout());
            assertEquals(beforeRerun, mainPids(), "a rerun must restart nothing\n" + rerun.getStdout());

            // 7. An upgrade keeps the admin's edited control file and restarts the services.
            Map<String, String> beforeUpgrade = mainPids();
            run(0, "sh", "-c", "echo '# mine' >> /opt/toaster/control/smtpplugins-local");
            ExecResult upgrade = run(0, "java", "-jar", JAR, "upgrade", "--payload", "/root/newer.tar.gz", "--yes");
            assertTrue(upgrade.getStdout().contains("kept your control/smtpplugins-local"), upgrade.getStdout());
            assertEquals(version + "-next", sh("cat /opt/toaster/VERSION"), "the upgraded VERSION");
            assertTrue(sh("tail -1 /opt/toaster/control/smtpplugins-local").contains("# mine"), "edit kept");
            assertTrue(sh("cat /opt/toaster/control/smtpplugins-local.toaster-new")
                    .contains("# new in the next version"));
            awaitServing("after the upgrade");
            Map<String, String> after = mainPids();
            UNITS.forEach(unit -> assertNotEquals(beforeUpgrade.get(unit), after.get(unit),
                    unit + " restarted by the upgrade"));

            // 8. doctor on the healthy install: exit 0, and not even a warning; then it names each injected fault
            // with its fix, and is silent again once they are fixed.
            assertSilentDoctor("the healthy install");
            doctorNamesEachFault();
            assertSilentDoctor("the repaired install");

            // 9. Uninstall stops and removes every unit and keeps the mail; purge removes the rest, and reruns.
            uninstallAndPurge(subjects.get(0));
        }

        // 10. A second host, freshly installed, restores the first one's backups: its users log in (issue 24).
        try (GenericContainer<?> second = newHost(jdk, resolvConf, jar)) {
            for (String archive : backups.archives()) {
                second.withCopyFileToContainer(MountableFile.forHostPath(temp.resolve(archive)),
                        BackupFlow.DIR + "/" + archive);
            }
            host = second;
            second.start();
            awaitSystemd();
            run(0, "ln", "-sf", jdk.resolve("bin/java").toString(), "/usr/bin/java");
            run(0, "java", "-jar", JAR, "--hostname", "mail.example.test", "--yes");
            awaitServing("after the second host's install");
            BackupFlow.restore(this::sh, backups);
            awaitServing("after the restore");
            BackupFlow.loginsAfterRestore(backups, QmailImportFlow.ANN, QmailImportFlow.ANN_PASSWORD);
            assertTrue(String.join("\n", MailClient.fetchAll(995, BOB, BOB_PASSWORD)).contains("Subject: " + toBob),
                    "bob reads his mail on the second host");
        }
    }

    /**
     * A Debian host booted with systemd, the installer in it. What /work/shared/testhost/systemd-host passes to
     * docker run, but systempaths=unconfined: the docker CLI turns it into empty MaskedPaths and ReadonlyPaths,
     * which docker-java cannot send (as a SecurityOpt the engine refuses it); systemd and the units' sandboxing
     * work without it here.
     */
    private static GenericContainer<?> newHost(Path jdk, Path resolvConf, Path jar) {
        return new GenericContainer<>(image())
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withHostName("mail.example.test");
                    HostConfig config = cmd.getHostConfig();
                    config.withCapAdd(Capability.ALL).withCapDrop(Capability.SYS_RESOURCE)
                            .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                            .withCgroupnsMode("host")
                            .withTmpFs(Map.of("/run", "", "/run/lock", ""));
                })
                .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
                .withFileSystemBind(jdk.toString(), jdk.toString(), BindMode.READ_ONLY)
                .withFileSystemBind(resolvConf.toString(), "/etc/resolv.conf", BindMode.READ_ONLY)
                .withCopyFileToContainer(MountableFile.forHostPath(jar), JAR)
                .withCommand("/sbin/init");
    }

    /**
     * {@code toaster user add} as root, then a message to the new user, read over POP3S; owners as installed.
     * Returns the message's subject.
     */
    private String userAddedByRootGetsMail() throws Exception {
        run(0, "sh", "-c", "echo " + BOB_PASSWORD + " | /opt/toaster/bin/toaster user add " + BOB);
        String toBob = "to-bob-" + System.nanoTime();
        MailClient.send(25, Tls.NONE, null, null, "someone@example.org", BOB, toBob);
        awaitDelivery(DOMAIN + "/bob/Maildir/new", toBob);
        assertTrue(String.join("\n", MailClient.fetchAll(995, BOB, BOB_PASSWORD))
                .contains("Subject: " + toBob), "bob reads his mail over POP3S");
        assertEquals("toaster 640", sh("stat -c '%U %a' " + DOMAIN + "/passwd"), "the domain's passwd file");
        assertEquals("", sh("find " + DOMAIN + "/bob ! -user toaster"), "bob's Maildir belongs to toaster");
        return toBob;
    }

    /** Both doctors (the installer's and the installed one) exit 0 with no FAILED and no warning line. */
    private void assertSilentDoctor(String what) throws Exception {
        for (String[] doctor : List.of(new String[] {"java", "-jar", JAR, "doctor", "--no-dns"},
                new String[] {"/opt/toaster/bin/toaster", "doctor", "--no-dns"})) {
            String out = run(0, doctor).getStdout();
            assertFalse(out.contains("  FAILED") || out.contains("  warning"), what + ": " + out);
        }
    }

    /**
     * Faults an admin or a restore can cause, each named by the doctor (exit 1) with its fix, then fixed: a unit
     * disabled, a unit stopped, a passwd file and a Maildir left to root, a control file only root can read.
     */
    private void doctorNamesEachFault() throws Exception {
        run(0, "systemctl", "disable", "--quiet", "toaster-wiki.service");
        String disabled = failedDoctor();
        assertTrue(disabled.contains("  FAILED   toaster-wiki.service is not enabled, so it will not start "
                + "after a reboot: systemctl enable --now toaster-wiki.service"), disabled);
        run(0, "systemctl", "enable", "--quiet", "toaster-wiki.service");

        run(0, "systemctl", "stop", "toaster-pop3d.service");
        String stopped = failedDoctor();
        assertTrue(stopped.contains("  FAILED   toaster-pop3d.service is not active: systemctl start "
                + "toaster-pop3d.service"), stopped);
        run(0, "systemctl", "start", "toaster-pop3d.service");
        awaitServing("after pop3d was started again");

        sh("chown root:root " + DOMAIN + "/passwd && chown -R root:root " + DOMAIN + "/bob/Maildir/new");
        sh("cp /opt/toaster/control/me /tmp/me && install -m 600 /tmp/me /opt/toaster/control/me");
        String faults = failedDoctor();
        assertTrue(faults.contains("  FAILED   domains/: "), faults);
        assertTrue(faults.contains("domains/example.test/passwd is owned by root:root, not toaster:toaster"), faults);
        assertTrue(faults.contains("repair with /opt/toaster/bin/toaster doctor --fix, as root"), faults);
        assertTrue(faults.contains("FAILED   control/: control/me is mode rw------- and root:root: the toaster user "
                + "cannot read it"), faults);
        ExecResult fixed = run(0, "/opt/toaster/bin/toaster", "doctor", "--no-dns", "--fix");
        assertTrue(fixed.getStdout().contains("fixed the owner or mode of "), fixed.getStdout());
        assertEquals("toaster 640", sh("stat -c '%U %a' " + DOMAIN + "/passwd"));
        assertEquals("root toaster 640", sh("stat -c '%U %G %a' /opt/toaster/control/me"),
                "readable by the daemons, still by no one else");
    }

    /** The installed doctor, which must exit 1; its output. */
    private String failedDoctor() throws Exception {
        return run(1, "/opt/toaster/bin/toaster", "doctor", "--no-dns").getStdout();
    }

    /** systemctl stop, start and restart of each unit, then a kill -9 of pop3d, which systemd restarts. */
    private void stopStartRestartAndCrash() throws Exception {
        for (String unit : UNITS) {
            run(0, "systemctl", "stop", unit);
            assertEquals("inactive", state(unit), "systemctl stop " + unit + "\n" + status(unit));
        }
        String failed = exec("systemctl", "--failed", "--plain", "--no-legend").getStdout();
        System.out.println("units stopped; is-system-running: " + exec("systemctl", "is-system-running")
                .getStdout().strip() + "; failed units: " + (failed.isBlank() ? "none" : "\n" + failed));
        assertFalse(failed.contains("toaster-"), "systemctl --failed with our units stopped:\n" + failed);
        sh("systemctl start " + String.join(" ", UNITS));
        awaitServing("after systemctl stop and start");
        for (String unit : UNITS) {
            run(0, "systemctl", "restart", unit);
            assertEquals("active", state(unit), "systemctl restart " + unit + "\n" + status(unit));
        }
        awaitServing("after systemctl restart");
        String crashed = mainPid("toaster-pop3d.service");
        run(0, "kill", "-9", crashed);
        await("toaster-pop3d.service restarted after kill -9 of " + crashed, Duration.ofSeconds(30), () -> {
            String state = state("toaster-pop3d.service");
            String now = mainPid("toaster-pop3d.service");
            return state.equals("active") && !now.equals("0") && !now.equals(crashed) ? null
                    : state + ", MainPID " + now + "\n" + status("toaster-pop3d.service");
        });
        awaitServing("after the crash of pop3d");
    }

    /**
     * uninstall: no unit left (loaded or on disk), the ports closed, the mail ({@code subject}) kept; then purge:
     * the prefix, the user and its processes gone; a second purge finds nothing to do and says so in one line.
     */
    private void uninstallAndPurge(String subject) throws Exception {
        ExecResult uninstall = run(0, "java", "-jar", JAR, "uninstall", "--yes");
        String units = exec("systemctl", "list-unit-files", "--no-legend", "toaster-*").getStdout()
                + exec("systemctl", "list-units", "--all", "--no-legend", "toaster-*").getStdout();
        assertFalse(units.contains("toaster-"), "units left after uninstall:\n" + units + uninstall.getStdout());
        await("ports 25, 443 and 995 closed after uninstall", Duration.ofSeconds(30), () -> {
            List<Integer> open = new ArrayList<>(List.of(25, 443, 995));
            open.removeAll(closedPorts());
            return open.isEmpty() ? null : "still listening: " + open;
        });
        run(0, "sh", "-c", "grep -rl " + subject + " " + DOMAIN + "/postmaster/Maildir"); // read: cur/
        String uid = sh("id -u toaster");
        ExecResult purge = run(0, "java", "-jar", JAR, "uninstall", "--purge", "--yes");
        run(1, "test", "-e", "/opt/toaster");
        assertEquals(1, exec("id", "toaster").getExitCode(), "the user toaster is gone\n" + purge.getStdout());
        assertEquals("", exec("pgrep", "-a", "-U", uid).getStdout(), "processes of uid " + uid + " left");
        ExecResult again = exec("java", "-jar", JAR, "uninstall", "--purge", "--yes");
        String said = "exit " + again.getExitCode() + "\n" + again.getStdout() + again.getStderr();
        assertTrue(again.getExitCode() == 0 || again.getExitCode() == 3, "a second purge: 0 (nothing left to do) "
                + "or 3 (nothing installed)\n" + said);
        assertTrue(!again.getStderr().contains("Exception") && again.getStderr().lines().count() <= 1,
                "a second purge says why in one line, no stack trace\n" + said);
    }

    /** The image: systemd on the local debian:bookworm-slim, built with host networking (apt) when missing. */
    private static Future<String> image() {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            return CompletableFuture.completedFuture(IMAGE);
        } catch (NotFoundException missing) {
            return new ImageFromDockerfile(IMAGE, false)
                    .withFileFromClasspath("Dockerfile", "systemd-host/Dockerfile")
                    .withBuildImageCmdModifier(cmd -> cmd.withNetworkMode("host"));
        }
    }

    /** systemd has booted: running, or degraded by a unit of the image (ours are checked where they matter). */
    private void awaitSystemd() throws Exception {
        await("systemd up", SERVICE_LIMIT, () -> {
            String state = exec("systemctl", "is-system-running").getStdout().strip();
            return state.equals("running") || state.equals("degraded") ? null : state;
        });
    }

    /** Every unit active and every port answering, within the limit. */
    private void awaitServing(String when) throws Exception {
        await("every unit active " + when, SERVICE_LIMIT, () -> {
            for (String unit : UNITS) {
                if (!state(unit).equals("active")) {
                    return unit + " is " + state(unit) + " (" + exec("systemctl", "is-enabled", unit).getStdout()
                            .strip() + ")\n" + status(unit);
                }
            }
            return null;
        });
        await("every port answering " + when, SERVICE_LIMIT, () -> {
            List<Integer> closed = closedPorts();
            return closed.isEmpty() ? null : "no answer on " + closed;
        });
    }

    /** A message with this subject in the Maildir directory, within a minute; else the queue says why not. */
    private void awaitDelivery(String directory, String subject) throws Exception {
        try {
            await(subject + " in " + directory, Duration.ofSeconds(60),
                    () -> exec("sh", "-c", "grep -rl " + subject + " " + directory).getExitCode() == 0 ? null
                            : "not there");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ntoaster queue list:\n"
                    + exec("/opt/toaster/bin/toaster", "queue", "list").getStdout(), e);
        }
    }

    /** Polls {@code probe} (null when satisfied, else what is missing) until it is satisfied or time is up. */
    private static void await(String what, Duration limit, Probe probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String missing;
        while ((missing = probe.missing()) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + limit.toSeconds() + " s: " + missing);
            }
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    private interface Probe {
        String missing() throws Exception;
    }

    /** Of the toaster's ports on this machine's loopback, those where nothing accepts a connection. */
    private static List<Integer> closedPorts() {
        List<Integer> closed = new ArrayList<>();
        for (int port : PORTS) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            } catch (IOException e) {
                closed.add(port);
            }
        }
        return closed;
    }

    private String state(String unit) throws Exception {
        return exec("systemctl", "is-active", unit).getStdout().strip();
    }

    private String status(String unit) throws Exception {
        return exec("systemctl", "status", "--no-pager", "--lines=10", unit).getStdout();
    }

    private String mainPid(String unit) throws Exception {
        return sh("systemctl show -p MainPID --value " + unit);
    }

    private Map<String, String> mainPids() throws Exception {
        Map<String, String> pids = new LinkedHashMap<>();
        for (String unit : UNITS) {
            pids.put(unit, mainPid(unit));
        }
        return pids;
    }

    /** Runs a shell command line that must succeed; its stdout, stripped. */
    private String sh(String script) throws Exception {
        return run(0, "sh", "-c", script).getStdout().strip();
    }

    private ExecResult run(int expectedExit, String... command) throws Exception {
        ExecResult result = exec(command);
        assertEquals(expectedExit, result.getExitCode(), String.join(" ", command) + "\nstdout: "
                + result.getStdout() + "\nstderr: " + result.getStderr());
        return result;
    }

    private ExecResult exec(String... command) throws IOException, InterruptedException {
        return host.execInContainer(command);
    }
}
