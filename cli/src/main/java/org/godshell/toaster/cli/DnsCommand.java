package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.godshell.toaster.config.ClientPorts;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.doctor.InstallNames;
import org.godshell.toaster.hostcheck.DnsRecords;
import org.godshell.toaster.layout.InstallRecordFile;
import org.godshell.toaster.mailclients.ClientSettings;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster dns}: the DNS records to publish for this toaster's names ({@link DnsRecords}). */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = {"Print the DNS records to publish for this toaster: MX, A/AAAA, SPF, DMARC, the SRV and "
                + "CNAME records mail clients set themselves up from, DKIM, MTA-STS, TLS-RPT and TLSA (DANE), and the "
                + "PTR to ask for; for the "
                + "install's domain first, then every other domain in domains/. The names are the install's (or "
                + "control/me's), the ports those of the listen files; asks nothing, changes nothing.",
            "Exit codes: 0 printed, 2 bad arguments or configuration."})
final class DnsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "Only this mail domain (default: the install's first domain, then every other one).")
    private String domain;

    @Override
    public Integer call() {
        if (domain != null && !InstallNames.valid(domain)) {
            return usage("--domain \"" + domain.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a domain name (lower-case letters, digits, '-' and dots)");
        }
        try {
            Path root = prefix.prefix();
            print(spec.commandLine().getOut(), root, InstallNames.read(root, Optional.ofNullable(domain)),
                    domain == null);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException | IOException e) {
            return usage(e.getMessage());
        }
    }

    /**
     * The records of the install's domain, with its DKIM keys when it is a domain of the store; with {@code
     * everyDomain}, then those of every other domain of the store. The mail clients' SRV records carry the
     * ports of the listen files (left out, saying why, when one does not read).
     */
    static void print(PrintWriter out, Path prefix, InstallNames names, boolean everyDomain) throws IOException {
        List<String> domains;
        String unlisted = "";
        try {
            domains = UserStore.domainsOf(prefix);
        } catch (IOException e) {
            if (everyDomain) {
                throw e;
            }
            // The doctor prints these records after its findings, which say why the users cannot be read.
            domains = List.of();
            unlisted = e.getMessage();
        }
        Optional<ClientSettings> clients;
        String unread = "";
        try {
            clients = Optional.of(ClientPorts.read(Controls.once(prefix.resolve("control")), names.hostName(),
                    InstallRecordFile.imap(InstallRecordFile.read(prefix))));
        } catch (ConfigException e) {
            // The doctor prints these records after its findings, which name the broken file already.
            clients = Optional.empty();
            unread = e.getMessage();
        }
        Function<String, List<String>> inbound = InboundTls.lines(prefix, names.hostName());
        List<String> shown = new ArrayList<>(List.of(names.domain()));
        if (everyDomain) {
            domains.stream().filter(d -> !d.equals(names.domain())).forEach(shown::add);
        }
        for (String domain : shown) {
            if (!domain.equals(shown.getFirst())) {
                out.println();
            }
            out.println("DNS records to publish for " + domain + ":");
            DnsRecords.of(domain, names.hostName(), clients).forEach(line -> out.println("  " + line));
            if (clients.isEmpty()) {
                out.println("  SRV: the mail clients' records need the ports of the listen files, which do not read: "
                        + unread);
            }
            if (domains.contains(domain)) {
                DkimRecords.zoneLines(prefix, domain).forEach(line -> out.println("  " + line));
                inbound.apply(domain).forEach(line -> out.println("  " + line));
            } else if (!unlisted.isEmpty()) {
                out.println("  DKIM, MTA-STS and TLSA: left out, the domains cannot be listed: " + unlisted);
            }
        }
        if (names.unprivileged()) {
            out.println("  (this is an unprivileged demo on loopback ports: other servers cannot reach it anyway)");
        }
    }

    /** Bad arguments or configuration: the reason on stderr, exit 2. */
    private int usage(String message) {
        spec.commandLine().getErr().println("toaster dns: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
