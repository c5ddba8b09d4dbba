package org.godshell.toaster.doctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.dmarc.PublicSuffixes;
import org.godshell.toaster.hostcheck.DnsCheck;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.godshell.toaster.layout.Accounts;
import org.godshell.toaster.layout.Daemons;
import org.godshell.toaster.layout.Layout;
import org.godshell.toaster.layout.Permissions;
import org.godshell.toaster.supervise.Supervisor;

/**
 * The health of an installed toaster, as findings: its version and names, its daemons (systemd's units where
 * the installer wrote them: each enabled and active; else {@code toaster start}'s pid files), every port its
 * control files name held by it, the backup and report it was asked to run ({@link ScheduledJobs}), who may
 * relay without logging in ({@link Relaying}), a shared user database ({@link UserDbCheck}), the owners and
 * modes of what the daemons read and write
 * ({@link Layout}), documentation an upgrade could not merge into the wiki ({@link WikiDocsCheck}), its
 * certificate, and what DNS says about its names. Reads only.
 *
 * @param prefix  the installation, absolute and real
 * @param names   its host name and domain
 * @param ports   who holds ports ({@code /proc})
 * @param dns     the DNS check, empty to skip it
 * @param systemd systemd, where it runs this host
 */
public record Doctor(Path prefix, InstallNames names, PortCheck ports, Optional<DnsCheck> dns,
        Optional<Systemd> systemd) {

    /** How many wrong paths of one place are named; the count says how many more there are. */
    static final int EXAMPLES = 3;


    /** The listen files of each daemon: a daemon not under {@code toaster start} may still serve them. */
    private static final Map<String, List<String>> DAEMON_FILES = ControlFiles.LISTEN.stream().collect(
            Collectors.groupingBy(key -> key.uses().getFirst().daemon(), Collectors.mapping(Key::name,
                    Collectors.toList())));

    public List<Finding> check() throws IOException, ConfigException {
        List<Finding> findings = new ArrayList<>();
        Path version = prefix.resolve("VERSION");
        String installed = Files.isRegularFile(version)
                ? Files.readString(version, StandardCharsets.UTF_8).strip().replaceAll("\\p{Cntrl}", "?")
                : "(no VERSION)";
        findings.add(Finding.ok("toaster " + installed + " in " + prefix + " for " + names.domain() + " ("
                + names.hostName() + ")"));
        List<Finding> controls = controlFiles(prefix.resolve("control"));
        findings.addAll(controls);
        if (controls.stream().allMatch(finding -> finding.level() == Finding.Level.OK)) {
            findings.add(Relaying.check(prefix.resolve("control"), names.unprivileged()));
            UserDbCheck.check(prefix).ifPresent(findings::add);
        }
        List<PortCheck.Port> listening = ports(prefix.resolve("control"));
        List<Finding> held = ports.serving(listening, prefix);            // one finding a port, in order
        findings.addAll(services(listening, held));
        if (systemd.isPresent() && systemd.get().runsTheToaster()) {
            findings.addAll(new ScheduledJobs(prefix.resolve("control"), systemd.get()).check());
        }
        findings.addAll(held);
        findings.addAll(layout());
        WikiDocsCheck.check(prefix).ifPresent(findings::add);
        findings.add(CertificateExpiry.check(prefix.resolve("control/servercert.pem"), names.hostName(),
                java.time.Instant.now()));
        if (dns.isPresent() && !names.unprivileged() && names.qualified()) {
            findings.addAll(dns.get().check(names.hostName(), names.domain()));
        }
        return findings;
    }

    /**
     * Every control file read as a daemon's start reads it: a running daemon keeps the last good value of a file
     * broken since, and says so only in its log, so this is where the admin sees it.
     */
    static List<Finding> controlFiles(Path control) {
        Controls files = Controls.once(control);
        List<Finding> bad = new ArrayList<>();
        List<Key<?>> keys = new ArrayList<>(ControlFiles.ALL.stream().filter(key -> key.shape() != Key.Shape.OWN)
                .toList());
        keys.add(PublicSuffixes.KEY);       // an own-reader row of the table whose reader the checks share
        for (Key<?> key : keys) {
            try {
                files.get(key);
            } catch (ConfigException e) {
                bad.add(Finding.fail(e.getMessage() + " (the running daemons keep the last good value until it "
                        + "is fixed)"));
            }
        }
        return bad.isEmpty() ? List.of(Finding.ok("every control file reads")) : bad;
    }

    /** The ports the control files name; listen-smtp missing means smtpd's default, port 25. */
    static List<PortCheck.Port> ports(Path control) throws ConfigException {
        List<PortCheck.Port> ports = new ArrayList<>();
        Controls files = Controls.once(control);
        for (Key<List<InetSocketAddress>> key : ControlFiles.LISTEN) {
            files.get(key).stream().map(InetSocketAddress::getPort).distinct()
                    .forEach(port -> ports.add(new PortCheck.Port(key.name(), port)));
        }
        return ports;
    }

    private List<Finding> services(List<PortCheck.Port> listening, List<Finding> held) throws IOException {
        if (systemd.isPresent() && systemd.get().runsTheToaster()) {
            List<Finding> findings = new ArrayList<>();
            for (String daemon : Daemons.ALL) {
                findings.add(unit(systemd.get(), Daemons.unit(daemon)));
            }
            return findings;
        }
        List<Finding> findings = new ArrayList<>();
        Supervisor supervisor = new Supervisor(prefix, Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String daemon : Daemons.ALL) {
            Supervisor.Outcome status = supervisor.status(daemon);
            String start = prefix.resolve("bin/toaster") + " start" + (names.unprivileged() ? "" : " --user toaster");
            List<Finding> own = new ArrayList<>();
            for (int i = 0; i < listening.size(); i++) {
                if (DAEMON_FILES.getOrDefault(daemon, List.of()).contains(listening.get(i).controlFile())) {
                    own.add(held.get(i));
                }
            }
            boolean serving = !own.isEmpty() && own.stream().allMatch(finding -> finding.level() == Finding.Level.OK);
            findings.add(status instanceof Supervisor.AlreadyRunning ? Finding.ok(status.line())
                    : serving ? Finding.ok(daemon + ": running, not under toaster start (its ports are this "
                            + "toaster's: in the foreground, as ./dev run starts it)")
                    : Finding.warn(status.line() + " (start it: " + start + ")"));
        }
        return findings;
    }

    /** A unit the installer writes: there, enabled (so it comes back after a reboot) and active. */
    private static Finding unit(Systemd systemd, String unit) throws IOException {
        if (!Files.isRegularFile(systemd.units().resolve(unit))) {
            return Finding.fail(unit + " is missing from " + systemd.units() + ": run the installer again "
                    + "(java -jar toaster-installer.jar), which writes and enables it");
        }
        if (!systemd.systemctl().yes("is-enabled", unit)) {
            return Finding.fail(unit + " is not enabled, so it will not start after a reboot: systemctl enable --now "
                    + unit);
        }
        if (!systemd.systemctl().yes("is-active", unit)) {
            return Finding.fail(unit + " is not active: systemctl start " + unit + "; if it stops again, see "
                    + "systemctl status " + unit + " and journalctl -u " + unit);
        }
        return Finding.ok(unit + " is enabled and active");
    }

    /**
     * The owners and modes the installer set, as {@link Layout} has them: one finding for all when they hold,
     * else one failure per place, naming a few of its wrong paths and how many there are.
     */
    private List<Finding> layout() throws IOException {
        Accounts accounts;
        try {
            accounts = Accounts.of(prefix);
        } catch (Accounts.Missing e) {
            return List.of(Finding.fail(e.getMessage()));
        }
        Map<String, List<Permissions.Problem>> byPlace = new LinkedHashMap<>();
        for (Permissions.Problem problem : new Permissions(prefix, accounts).problems()) {
            byPlace.computeIfAbsent(problem.rule().path(), place -> new ArrayList<>()).add(problem);
        }
        if (byPlace.isEmpty()) {
            return List.of(Finding.ok("owners and modes of " + Layout.RULES.stream().map(Layout.Rule::path)
                    .filter(path -> !path.contains("/")).map(path -> path + "/").collect(Collectors.joining(", "))
                    + " are as the installer sets them" + (accounts.single() ? "" : " (" + accounts.service()
                    + " for the daemons)")));
        }
        List<Finding> findings = new ArrayList<>();
        byPlace.forEach((place, problems) -> {
            String examples = problems.stream().limit(EXAMPLES)
                    .map(problem -> prefix.relativize(problem.path()) + " " + problem.what())
                    .collect(Collectors.joining("; "));
            int more = problems.size() - EXAMPLES;
            findings.add(Finding.fail(place + "/: " + examples + (more > 0 ? "; and " + more + " more" : "")
                    + "; the daemons need these as the installer left them: repair with "
                    + prefix.resolve("bin/toaster") + " doctor --fix" + (accounts.single() ? "" : ", as root")));
        });
        return findings;
    }
}
