package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.spf.Spf;
import org.godshell.toaster.spf.SpfVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster spf}: one SPF check (RFC 7208) of the MAIL FROM identity, for the admin and for the sample
 * plugin {@code plugins/spf}, which has no dig or host to ask DNS with on a bare Debian host. Output, one item
 * a line so that a shell {@code read} takes them apart: the result word, the explanation, the Received-SPF
 * header. Exit 0 for every result (a fail is an answer, not an error), 1 for a broken control file, 2 for bad
 * arguments.
 */
@Command(name = "spf", mixinStandardHelpOptions = true,
        description = "Check SPF (RFC 7208) for a client address and envelope sender; print the result word, "
                + "the explanation and a Received-SPF header line.")
final class SpfCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--ip", required = true, paramLabel = "ADDRESS", description = "The client's IP address.")
    private String ip;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS",
            description = "The envelope sender (MAIL FROM); '' for <>, then postmaster@HELO is checked.")
    private String from;

    @Option(names = "--helo", paramLabel = "NAME", defaultValue = "", description = "What the client said at HELO.")
    private String helo;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<InetAddress> client = address(ip);
        if (client.isEmpty()) {
            err.println("toaster spf: --ip " + printable(ip) + " is not an IP address");
            return 2;
        }
        if (!from.matches("[!-~]*") || !helo.matches("[!-~]*")) {
            err.println("toaster spf: --from and --helo take printable ASCII without spaces");
            return 2;
        }
        Dns dns;
        String receiver = "localhost";
        try {
            if (prefix.given()) {
                Controls control = Controls.once(prefix.control());
                dns = Dns.of(control.get(ControlFiles.DNSSERVERS));
                receiver = control.get(ControlFiles.ME);
            } else {
                dns = Dns.system();
            }
        } catch (ConfigException e) {
            err.println("toaster spf: " + e.getMessage());
            return 1;
        }
        SpfVerdict verdict = new Spf(dns, Spf.DEFAULT_BUDGET).mailFrom(client.get(), from, helo);
        out.println(verdict.result().word());
        out.println(verdict.explanation());
        out.println(verdict.receivedSpf(receiver));
        return 0;
    }

    /** An IP literal only: a name here would be looked up, which is not what the caller meant. */
    private static Optional<InetAddress> address(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[^ -~]", "?");
    }
}
