package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.hostcheck.FakeProc;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.godshell.toaster.layout.Accounts;
import org.godshell.toaster.layout.Permissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the doctor finds: a daemon run in the foreground (as {@code ./dev run} runs them) has no pid file of
 * {@code toaster start}, and runs when this toaster holds its ports; under systemd each unit must be there,
 * enabled and active; every owner and mode must be as the installer set it. Each fault is named with its fix,
 * and a healthy install gets no warning at all.
 */
class DoctorTest {

    private static final InstallNames NAMES = new InstallNames("mx.example.org", "example.org", true);

    @TempDir
    Path prefix;

    @TempDir
    Path proc;

    @Test
    void aForegroundDaemonHoldingItsPortsRuns() throws Exception {
        Path root = prefix.toRealPath();
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/listen-smtp"), "127.0.0.1:25\n");
        Files.writeString(root.resolve("control/listen-pop3s"), "127.0.0.1:995\n");
        Files.createDirectories(proc.resolve("net"));
        // port 25 (0x19) held by postfix, 995 (0x3E3) by this toaster's pop3d in the foreground; no http port
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0
                   1: 0100007F:03E3 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 42 1 0
                """);
        FakeProc.process(proc, 812, "master", "/usr/lib/postfix/sbin/master -w", 31337);
        FakeProc.process(proc, 900, "java", "/usr/bin/java -Dtoaster.home=" + root + " -cp " + root + "/lib/* "
                + "org.godshell.toaster.cli.Toaster pop3d", 42);
        Doctor doctor = new Doctor(root, new InstallNames("mx.example.org", "example.org", true),
                new PortCheck(proc), Optional.empty(), Optional.empty());
        List<String> lines = doctor.check().stream().map(Finding::line).toList();
        assertTrue(lines.contains("  ok       pop3d: running, not under toaster start (its ports are this toaster's: "
                + "in the foreground, as ./dev run starts it)"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  warning  smtpd: not running (start it: ")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  warning  wiki: not running (start it: ")),
                "no port of its own at all: not running" + lines);
    }

    @Test
    void underSystemdEachUnitIsThereEnabledAndActive() throws Exception {
        Path root = healthy();
        Path units = Files.createDirectories(prefix.resolve("units"));
        for (String daemon : List.of("smtpd", "pop3d")) {
            Files.writeString(units.resolve("toaster-" + daemon + ".service"), "[Unit]\n");
        }
        Set<String> no = Set.of("is-active toaster-smtpd.service", "is-enabled toaster-pop3d.service");
        Systemd systemd = new Systemd(units, (verb, unit) -> !no.contains(verb + " " + unit));
        List<String> lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(),
                Optional.of(systemd)));
        assertTrue(lines.contains("  FAILED   toaster-smtpd.service is not active: systemctl start "
                + "toaster-smtpd.service; if it stops again, see systemctl status toaster-smtpd.service and "
                + "journalctl -u toaster-smtpd.service"), lines.toString());
        assertTrue(lines.contains("  FAILED   toaster-pop3d.service is not enabled, so it will not start after a "
                + "reboot: systemctl enable --now toaster-pop3d.service"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   toaster-wiki.service is missing from "
                + units + ": run the installer again")), lines.toString());

        Files.writeString(units.resolve("toaster-wiki.service"), "[Unit]\n");
        List<String> fine = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(),
                Optional.of(new Systemd(units, (verb, unit) -> true))));
        for (String daemon : List.of("smtpd", "pop3d", "wiki")) {
            assertTrue(fine.contains("  ok       toaster-" + daemon + ".service is enabled and active"),
                    fine.toString());
        }
    }

    @Test
    void ownersAndModesAreAsTheInstallerSetsThem() throws Exception {
        Path root = healthy();
        List<String> fine = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(fine.stream().anyMatch(line -> line.startsWith("  ok       owners and modes of control/, queue/, "
                + "var/, wiki/, domains/ are as the installer sets them")), fine.toString());

        Path passwd = Files.writeString(root.resolve("domains/example.org/passwd"), "ann@example.org:x\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(root.resolve("queue"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rules = Files.writeString(root.resolve("control/tcp.smtp"), "127.:allow\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-rw-rw-"));
        List<String> lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(lines.contains("  FAILED   domains/: domains/example.org/passwd is mode rw-r--r--, not rw-r-----; "
                + "the daemons need these as the installer left them: repair with " + root + "/bin/toaster doctor "
                + "--fix"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   queue/: queue is mode rwxr-xr-x, not "
                + "rwx------")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   control/: control/tcp.smtp is mode "
                + "rw-rw-rw-: writable by others than")), lines.toString());
    }

    @Test
    void aFileRootLeftBehindIsNamedWithItsOwner() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give a file to another user");
        Path root = healthy();
        Path maildir = Files.createDirectories(root.resolve("domains/example.org/bob/Maildir"));
        Files.setOwner(maildir, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        List<String> lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   domains/: ")
                && line.contains("domains/example.org/bob/Maildir is owned by nobody:")), lines.toString());
    }

    @Test
    void aBrokenControlFileIsAFailureWithItsLineAndAHealthyOneIsNot() throws Exception {
        Path root = healthy();
        List<String> lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(lines.contains("  ok       every control file reads"), lines.toString());
        Files.writeString(root.resolve("control/databytes"), "12x\n");
        Files.writeString(root.resolve("control/smtproutes"), "example.net relay\n");
        lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(lines.contains("  FAILED   " + root.resolve("control/databytes") + ":1: \"12x\" is not a number of "
                + "bytes; write a whole number such as 10485760 (0 = no limit) (the running daemons keep the last "
                + "good value until it is fixed)"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   " + root.resolve("control/smtproutes")
                + ":1: ")), lines.toString());
    }

    /** The Public Suffix List has a reader of its own (DMARC's), and doctor asks it like the others. */
    @Test
    void aBrokenPublicSuffixListIsAFailureToo() throws Exception {
        Path root = healthy();
        Files.writeString(root.resolve("control/publicsuffixlist"), "<html>not a list</html>\n");
        List<String> lines = lines(new Doctor(root, NAMES, new PortCheck(proc), Optional.empty(), Optional.empty()));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  FAILED   "
                + root.resolve("control/publicsuffixlist") + ":1: ")), lines.toString());
    }

    /** An unprivileged install as the installer leaves it: the places of the layout, with their owners and modes. */
    private Path healthy() throws Exception {
        Path root = prefix.toRealPath();
        for (String dir : List.of("control", "queue", "var", "wiki", "domains/example.org")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("control/me"), "mx.example.org\n");
        new Permissions(root, Accounts.unprivileged(root)).fix();
        return root;
    }

    private static List<String> lines(Doctor doctor) throws Exception {
        return doctor.check().stream().map(Finding::line).toList();
    }
}
