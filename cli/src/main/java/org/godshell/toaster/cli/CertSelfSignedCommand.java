package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.tls.SelfSigned;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster cert selfsigned --host HOST}: a key and a self-signed certificate in
 * {@code control/servercert.pem} (mode 0600, the daemons' in a system install, whoever runs it), made in Java: no
 * openssl needed.
 */
@Command(name = "selfsigned", mixinStandardHelpOptions = true,
        description = "Make an RSA key and a self-signed certificate for HOST in control/servercert.pem. Clients "
                + "will not trust it until you replace it with one from a CA (see the wiki page TLS).")
final class CertSelfSignedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--host", required = true, paramLabel = "HOST",
            description = "The name clients connect to, such as mail.example.org.")
    private String host;

    @Option(names = "--force", description = "Replace an existing control/servercert.pem.")
    private boolean force;

    @Override
    public Integer call() {
        Path file = prefix.control().resolve("servercert.pem");
        if (!SelfSigned.validHost(host)) {
            spec.commandLine().getErr().println("toaster cert: --host \"" + host.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a host name such as mail.example.org");
            return 2;
        }
        if (Files.exists(file) && !force) {
            spec.commandLine().getErr().println("toaster cert: " + file + " exists; add --force to replace it");
            return 1;
        }
        try {
            Owners owners = Owners.of(prefix.prefix());
            SelfSigned.write(file, SelfSigned.create(host), owners::handOver);
        } catch (GeneralSecurityException | IOException e) {
            spec.commandLine().getErr().println("toaster cert: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("wrote " + file + " (a key and a self-signed certificate for " + host
                + ", mode 0600); a running toaster smtpd serves it from the next connection if it already offers "
                + "STARTTLS, else restart it");
        return 0;
    }
}
