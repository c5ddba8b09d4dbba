package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.godshell.toaster.acme.Acme;
import org.godshell.toaster.acme.AcmeException;
import org.godshell.toaster.acme.Outcome;
import org.godshell.toaster.layout.Owners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster cert renew}: by hand, the check {@code toaster wiki serve} makes daily. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew the ACME certificate if it is due (30 days or fewer left, or the CA's renewal window), "
                + "as toaster wiki serve does daily; --force renews now, whatever the back-off.")
final class CertRenewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--force", description = "Renew now, even if not due or backing off after failures.")
    private boolean force;

    @Option(names = "--new-key", description = "Make a new certificate key (update DANE TLSA records first!).")
    private boolean newKey;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Owners owners;
        try {
            owners = Owners.of(prefix.prefix());
        } catch (IOException e) {
            err.println("toaster cert renew: " + e.getMessage());
            return 1;
        }
        Acme acme = new Acme(prefix.control(), owners::handOver, Clock.systemUTC());
        Outcome outcome = acme.renew(force, newKey);
        switch (outcome) {
            case Outcome.Renewed renewed -> out.println(renewed.line());
            case Outcome.NotDue notDue -> out.println(notDue.line());
            case Outcome.NotSetUp notSetUp -> {
                err.println("toaster cert renew: " + notSetUp.why());
                return 1;
            }
            case Outcome.Failed failed -> {
                err.println("toaster cert renew: " + failed.line().substring("acme: ".length()));
                hint(err, failed.error());
                return 1;
            }
        }
        return 0;
    }

    /** What to look at next, for the failures an admin can fix. */
    static void hint(PrintWriter err, AcmeException e) {
        switch (e.kind()) {
            case CHALLENGE -> err.println("  check: toaster wiki serve runs with listen-http on port 80, port 80 is "
                    + "open from the Internet, and each name's A/AAAA record points at this host");
            case UNREACHABLE -> err.println("  check: this host reaches the CA over HTTPS (DNS, firewall, proxy); "
                    + "for a private CA give its certificate with --ca-cert");
            case RATE_LIMITED -> err.println("  the CA's limits: wait until the time it gave; try things on "
                    + "--directory letsencrypt-staging first");
            default -> { }
        }
    }
}
