package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.doctor.DkimCheck;
import org.godshell.toaster.doctor.Doctor;
import org.godshell.toaster.doctor.ImapCheck;
import org.godshell.toaster.doctor.MetricsCheck;
import org.godshell.toaster.doctor.InboundTlsCheck;
import org.godshell.toaster.doctor.OutboundDaneCheck;
import org.godshell.toaster.doctor.InstallNames;
import org.godshell.toaster.doctor.Systemd;
import org.godshell.toaster.hostcheck.DnsCheck;
import org.godshell.toaster.hostcheck.DnsLookup;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.godshell.toaster.layout.Accounts;
import org.godshell.toaster.layout.Imap;
import org.godshell.toaster.layout.Permissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster doctor}: the health of this toaster ({@link Doctor}), then the DNS records to publish. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this toaster: version, daemons (under systemd: each unit enabled and active), that "
                + "every port in control/listen-* is served by it, the owners and modes of control/, queue/, var/, "
                + "wiki/ and domains/, the certificate, each domain's DKIM keys, the certificate IMAPS serves where "
                + "Dovecot serves IMAP, the MTA-STS policy against the certificate, DNS (A, MX, PTR, the DKIM, "
                + "MTA-STS, TLS-RPT and TLSA records; a few seconds at most); then print the "
                + "DNS records to publish. Changes nothing, unless --fix.",
            "Exit codes: 0 healthy (warnings allowed), 1 a check FAILED, 2 bad arguments or configuration."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--no-dns", description = "Skip the DNS questions (for a host that cannot reach a resolver).")
    private boolean noDns;

    @Option(names = "--imap-login", paramLabel = "ADDRESS",
            description = "Also log in to IMAPS (Dovecot, 127.0.0.1:993) as ADDRESS, with the password from the first "
                    + "line of stdin.")
    private String imapLogin;

    @Option(names = "--fix", description = "First give control/, queue/, var/, wiki/ and domains/ the owners and "
            + "modes the installer sets (as root in a system install; links are never followed), then check.")
    private boolean fix;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path root = prefix.prefix().toRealPath();
            InstallNames names = InstallNames.read(root, Optional.empty());
            if (fix && !repair(root, out)) {
                return 1;
            }
            Doctor doctor = new Doctor(root, names, PortCheck.ofThisHost(),
                    noDns ? Optional.empty() : Optional.of(new DnsCheck(DnsLookup.system())), Systemd.ofThisHost());
            List<Finding> findings = new ArrayList<>(doctor.check());
            findings.addAll(new DkimCheck(root, noDns || names.unprivileged() ? Optional.empty() : dkimDns(root))
                    .check());
            findings.addAll(new InboundTlsCheck(root, names.hostName(), noDns || names.unprivileged()
                    ? Optional.empty() : dkimDns(root), Clock.systemUTC()).check());
            if (!noDns && !names.unprivileged()) {
                dkimDns(root).ifPresent(dns -> findings.add(new OutboundDaneCheck(root.resolve("control"), dns,
                        Clock.systemUTC()).check()));
            }
            findings.addAll(MetricsCheck.of(root.resolve("control")));
            findings.addAll(imap(root));
            findings.forEach(finding -> out.println(finding.line()));
            out.println();
            DnsCommand.print(out, root, names, false);
            out.flush();
            return findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL) ? 1 : 0;
        } catch (ConfigException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            spec.commandLine().getErr().println("toaster doctor: " + e.getMessage());
            return 1;
        }
    }

    /**
     * IMAP where the installer set up Dovecot (its drop-in is there): the certificate IMAPS serves and, with
     * {@code --imap-login}, a login. Nothing where the toaster has no IMAP (the demo, {@code --no-imap}).
     */
    private List<Finding> imap(Path root) {
        boolean dovecot = Files.isRegularFile(Imap.DROP_IN);
        if (!dovecot) {
            return imapLogin == null ? List.of() : List.of(Finding.fail("--imap-login: the installer did not set up "
                    + "IMAP here (no " + Imap.DROP_IN + "; wiki page IMAP)"));
        }
        Optional<ImapCheck.Login> login = Optional.empty();
        if (imapLogin != null) {
            try {
                login = Optional.of(new ImapCheck.Login(imapLogin, PasswordInput.firstLine(System.in)));
            } catch (PasswordInput.Refused e) {
                return List.of(Finding.fail("--imap-login: " + e.getMessage()));
            }
        }
        List<Finding> findings = new ImapCheck(root.resolve("control"), new InetSocketAddress("127.0.0.1",
                Imap.IMAPS_PORT), login).check();
        login.ifPresent(given -> java.util.Arrays.fill(given.password(), '\0'));
        return findings;
    }

    /**
     * The resolver the mail server asks, for the DKIM, MTA-STS and TLSA records; none when control/dnsservers is
     * broken (a FAILED above says so).
     */
    private static Optional<Dns> dkimDns(Path root) {
        try {
            return Optional.of(Dns.of(Controls.once(root.resolve("control")).get(ControlFiles.DNSSERVERS)));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** {@code --fix}: the layout made true; false (and why on stderr) when it could not be. */
    private boolean repair(Path root, PrintWriter out) {
        try {
            int changed = new Permissions(root, Accounts.of(root)).fix();
            out.println(Finding.ok("fixed the owner or mode of " + changed + (changed == 1 ? " path" : " paths"))
                    .line());
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println("toaster doctor --fix: " + e.getMessage() + " (changing owners "
                    + "needs root)");
            return false;
        }
    }

    /** Bad arguments or configuration: the reason on stderr, exit 2. */
    private int usage(String message) {
        spec.commandLine().getErr().println("toaster doctor: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
