package org.godshell.toaster.doctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ListenAddresses;
import org.godshell.toaster.hostcheck.DnsCheck;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.godshell.toaster.supervise.Supervisor;

/**
 * The health of an installed toaster, as findings: its version and names, its daemons (systemd's units where
 * the installer wrote them, else {@code toaster start}'s pid files), every port its control files name held by
 * it, its certificate, and what DNS says about its names. Reads only.
 *
 * @param prefix the installation, absolute and real
 * @param names  its host name and domain
 * @param ports  who holds ports ({@code /proc})
 * @param dns    the DNS check, empty to skip it
 * @param units  where systemd unit files are ({@code /etc/systemd/system})
 * @param systemd whether systemd runs this host
 */
public record Doctor(Path prefix, InstallNames names, PortCheck ports, Optional<DnsCheck> dns, Path units,
        boolean systemd) {

    /** The listen files of every daemon, in the order the summary shows them; smtpd's has a default. */
    static final List<String> LISTEN_FILES = List.of("listen-smtp", "listen-submission", "listen-smtps",
            "listen-pop3", "listen-pop3s", "listen-http", "listen-https");

    /** The listen files of each daemon: a daemon not under {@code toaster start} may still serve them. */
    private static final Map<String, List<String>> DAEMON_FILES = Map.of(
            "smtpd", List.of("listen-smtp", "listen-submission", "listen-smtps"),
            "pop3d", List.of("listen-pop3", "listen-pop3s"),
            "wiki", List.of("listen-http", "listen-https"));

    public List<Finding> check() throws IOException, ConfigException {
        List<Finding> findings = new ArrayList<>();
        Path version = prefix.resolve("VERSION");
        String installed = Files.isRegularFile(version)
                ? Files.readString(version, StandardCharsets.UTF_8).strip().replaceAll("\\p{Cntrl}", "?")
                : "(no VERSION)";
        findings.add(Finding.ok("toaster " + installed + " in " + prefix + " for " + names.domain() + " ("
                + names.hostName() + ")"));
        List<PortCheck.Port> listening = ports(prefix.resolve("control"));
        List<Finding> held = ports.serving(listening, prefix);            // one finding a port, in order
        findings.addAll(services(listening, held));
        findings.addAll(held);
        findings.add(Files.isRegularFile(prefix.resolve("control/servercert.pem"))
                ? Finding.ok("control/servercert.pem is there (STARTTLS, SMTPS, POP3S, HTTPS)")
                : Finding.fail("control/servercert.pem is missing: no TLS, so no logins; make one with: toaster cert "
                        + "selfsigned --host " + names.hostName() + ", or run the installer again"));
        if (dns.isPresent() && !names.unprivileged() && names.qualified()) {
            findings.addAll(dns.get().check(names.hostName(), names.domain()));
        }
        return findings;
    }

    /** The ports the control files name; listen-smtp missing means smtpd's default, port 25. */
    static List<PortCheck.Port> ports(Path control) throws ConfigException {
        List<PortCheck.Port> ports = new ArrayList<>();
        for (String file : LISTEN_FILES) {
            List<InetSocketAddress> addresses = ListenAddresses.load(control.resolve(file))
                    .orElse(file.equals("listen-smtp") ? List.of(new InetSocketAddress(25)) : List.of());
            addresses.stream().map(InetSocketAddress::getPort).distinct()
                    .forEach(port -> ports.add(new PortCheck.Port(file, port)));
        }
        return ports;
    }

    private List<Finding> services(List<PortCheck.Port> listening, List<Finding> held) throws IOException {
        boolean viaSystemd = systemd && Files.isRegularFile(units.resolve("toaster-smtpd.service"));
        List<Finding> findings = new ArrayList<>();
        Supervisor supervisor = new Supervisor(prefix, Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String daemon : Supervisor.DAEMONS) {
            if (viaSystemd) {
                String unit = "toaster-" + daemon + ".service";
                findings.add(active(unit) ? Finding.ok(unit + " is active")
                        : Finding.fail(unit + " is not active: systemctl status " + unit));
                continue;
            }
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

    private static boolean active(String unit) throws IOException {
        Process process = new ProcessBuilder("systemctl", "is-active", "--quiet", unit)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
