package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.doctor.InstallNames;
import org.godshell.toaster.hostcheck.DnsRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster dns}: the DNS records to publish for this toaster's names ({@link DnsRecords}). */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = {"Print the DNS records to publish for this toaster: MX, A/AAAA, SPF, DMARC, and the PTR to "
                + "ask for. The names are the install's (or control/me's); asks nothing, changes nothing.",
            "Exit codes: 0 printed, 2 bad arguments or configuration."})
final class DnsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "The mail domain to print them for (default: the install's first domain).")
    private String domain;

    @Override
    public Integer call() {
        if (domain != null && !InstallNames.valid(domain)) {
            return usage("--domain \"" + domain.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a domain name (lower-case letters, digits, '-' and dots)");
        }
        try {
            print(spec.commandLine().getOut(), InstallNames.read(prefix.prefix(), Optional.ofNullable(domain)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException | IOException e) {
            return usage(e.getMessage());
        }
    }

    static void print(PrintWriter out, InstallNames names) {
        out.println("DNS records to publish for " + names.domain() + ":");
        DnsRecords.of(names.domain(), names.hostName()).forEach(line -> out.println("  " + line));
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
