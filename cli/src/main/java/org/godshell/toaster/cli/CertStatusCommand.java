package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.godshell.toaster.acme.Acme;
import org.godshell.toaster.acme.AcmeException;
import org.godshell.toaster.acme.RenewalState;
import org.godshell.toaster.acme.ServedCertificate;
import org.godshell.toaster.io.Handover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toaster cert status}: the ACME certificate's names and expiry, and how renewal has been going. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the ACME certificate (names, expiry, days left) and its renewal (last attempt, next try).")
final class CertStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Acme acme = new Acme(prefix.control(), Handover.KEEP, Clock.systemUTC());
        Acme.Status status;
        try {
            status = acme.status();
        } catch (AcmeException e) {
            spec.commandLine().getErr().println("toaster cert status: " + e.getMessage());
            return 1;
        }
        if (status.certificate().isEmpty()) {
            out.println("no ACME certificate in " + acme.files().certificate() + "; get one with: toaster cert acme "
                    + "--email ADDR --agree-tos");
            return status.state().failures() > 0 ? print(out, status.state()) : 0;
        }
        ServedCertificate certificate = status.certificate().get();
        Instant now = Instant.now();
        out.println("names:        " + String.join(", ", certificate.names()));
        out.println("expires:      " + certificate.notAfter() + " (" + Duration.between(now, certificate.notAfter())
                .toDays() + " days left)");
        out.println("CA:           " + status.directory().orElse("(default) letsencrypt"));
        out.println("challenge:    " + status.challenge().orElse("(default) http-01"));
        out.println("served:       " + (status.linked() ? "control/servercert.pem links to it"
                : "NO: control/servercert.pem is not a link to acme/servercert.pem"));
        return print(out, status.state());
    }

    private static int print(PrintWriter out, RenewalState state) {
        out.println("last attempt: " + state.lastAttempt().map(Instant::toString).orElse("never"));
        out.println("last renewal: " + state.lastSuccess().map(Instant::toString).orElse("never"));
        if (state.failures() > 0) {
            out.println("failures:     " + state.failures() + " in a row; last: " + state.lastError().orElse("?"));
            out.println("next try:     " + state.nextTry().map(Instant::toString).orElse("at the next check"));
        }
        return 0;
    }
}
