package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.acme.Acme;
import org.godshell.toaster.acme.AcmeException;
import org.godshell.toaster.acme.AcmeNames;
import org.godshell.toaster.acme.CaDirectory;
import org.godshell.toaster.acme.ChallengeType;
import org.godshell.toaster.acme.Outcome;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.tls.SelfSigned;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster cert acme --email ADDR --agree-tos}: a certificate from an ACME CA (Let's Encrypt by default)
 * for the host name and the service names of the toaster's domains that point here ({@link AcmeNames}),
 * answered over HTTP-01 by the running {@code toaster wiki serve} on port 80 (or, with {@code --challenge
 * tls-alpn-01}, over TLS-ALPN-01 on its port 443); then control/servercert.pem links
 * to it and {@code toaster wiki serve} renews it.
 */
@Command(name = "acme", mixinStandardHelpOptions = true,
        description = "Get a certificate from an ACME CA (Let's Encrypt by default) for control/me and the "
                + "mta-sts. and autoconfig. names of the toaster's domains that point here. Needs toaster wiki "
                + "serve answering on port 80 (listen-http), or on port 443 (listen-https) with --challenge "
                + "tls-alpn-01. toaster wiki serve renews it from then on.")
final class CertAcmeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--email", required = true, paramLabel = "ADDR",
            description = "The account's contact: the CA writes here about expiring certificates and changes.")
    private String email;

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (without it, they are shown).")
    private boolean agree;

    @Option(names = "--directory", paramLabel = "URL", defaultValue = "letsencrypt",
            description = "The CA: letsencrypt (default), letsencrypt-staging (for trying), or an ACME directory URL.")
    private String directory;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM certificates to trust for the CA's own HTTPS (a private CA such as step-ca).")
    private Path caCert;

    @Option(names = "--name", paramLabel = "NAME", description = "Order for these names instead (repeatable).")
    private List<String> names = new ArrayList<>();

    @Option(names = "--challenge", paramLabel = "TYPE", defaultValue = "http-01",
            description = "How the CA checks the names: http-01 (default; toaster wiki serve on port 80) or "
                    + "tls-alpn-01 (toaster wiki serve on port 443, for when port 80 is closed). Renewals keep it.")
    private String challenge;

    @Option(names = "--new-key", description = "Make a new certificate key instead of keeping the current one.")
    private boolean newKey;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = prefix.prefix();
        CaDirectory ca;
        try {
            ca = CaDirectory.parse(directory);
        } catch (IllegalArgumentException e) {
            err.println("toaster cert acme: --directory " + e.getMessage());
            return 2;
        }
        ChallengeType challengeType;
        try {
            challengeType = ChallengeType.parse(challenge);
        } catch (IllegalArgumentException e) {
            err.println("toaster cert acme: --challenge " + e.getMessage());
            return 2;
        }
        if (caCert != null && !Files.isRegularFile(caCert)) {
            err.println("toaster cert acme: --ca-cert " + caCert + " is not a file");
            return 2;
        }
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            err.println("toaster cert acme: --email \"" + email.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not an address such as postmaster@example.org");
            return 2;
        }
        try {
            if (!agree) {
                Optional<URI> terms = Acme.termsOfService(ca, Optional.ofNullable(caCert));
                err.println("toaster cert acme: read the terms of service of " + ca + (terms.isPresent() ? " at "
                        + terms.get() : " (it publishes none)") + ", then run this again with --agree-tos");
                return 2;
            }
            List<String> chosen = names.isEmpty() ? defaultNames(root, out) : names;
            for (String name : chosen) {
                if (!SelfSigned.validHost(name)) {
                    err.println("toaster cert acme: \"" + name.replaceAll("\\p{Cntrl}", "?")
                            + "\" is not a host name");
                    return 2;
                }
            }
            Acme acme = Acme.forInstall(root);
            out.println("ordering a certificate from " + ca + " for " + String.join(", ", chosen));
            out.flush();
            Outcome.Renewed issued = acme.orderNow(new Acme.Setup(email, ca, Optional.ofNullable(caCert),
                    challengeType), chosen, newKey);
            out.println(issued.line().substring("acme: ".length()) + "; control/servercert.pem now links to "
                    + "control/acme/servercert.pem, which toaster wiki serve renews");
            return 0;
        } catch (AcmeException e) {
            err.println("toaster cert acme: " + e.getMessage());
            CertRenewCommand.hint(err, e);
            return 1;
        } catch (ConfigException | IOException e) {
            err.println("toaster cert acme: " + e.getMessage());
            return 1;
        }
    }

    /** control/me and the service names of the toaster's domains that point here; the others listed. */
    private static List<String> defaultNames(Path root, PrintWriter out) throws ConfigException, IOException {
        AcmeNames chosen = AcmeNames.of(root);
        for (String left : chosen.leftOut()) {
            out.println("left out: " + left);
        }
        return chosen.names();
    }
}
