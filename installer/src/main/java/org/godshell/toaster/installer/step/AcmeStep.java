package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.settings.AcmeSettings;

/**
 * With {@code --acme}: a certificate from the ACME CA, ordered by {@code toaster cert acme} once the wiki answers
 * the CA's HTTP-01 challenge on port 80, so it comes last, after the start. The daemons pick the new certificate
 * up at their next handshake (Dovecot through its path unit), so nothing restarts; from then on the wiki daemon
 * renews it. A CA that cannot be reached or refuses (DNS not pointing here yet, port 80 filtered) does not fail
 * the install: the self-signed certificate keeps serving, and the step says why and how to try again (the same
 * command, or the installer again with {@code --acme}, which finds this step not done). The daemons cannot make
 * the first certificate themselves: linking it in takes a write to {@code control/}, which is the admin's.
 */
final class AcmeStep implements Step {

    /** An order waits for the CA's validation of every name; Let's Encrypt takes seconds, a busy CA minutes. */
    static final Duration LIMIT = Duration.ofMinutes(5);

    private final StepContext context;
    private final AcmeSettings acme;

    AcmeStep(StepContext context, AcmeSettings acme) {
        this.context = context;
        this.acme = acme;
    }

    @Override
    public String name() {
        return "acme-certificate";
    }

    @Override
    public String describe() {
        return "certificate for " + context.settings().hostName() + " from " + acme.directory() + " (account "
                + acme.email() + ", " + acme.challenge() + "), renewed by the wiki daemon";
    }

    private Path issued() {
        return context.root().resolve("control/acme/servercert.pem");
    }

    @Override
    public boolean isDone() {
        return Files.isRegularFile(issued(), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void apply() throws IOException, StepException {
        Commands.Result result = context.commands().run(argv(), Optional.empty(), Map.of(), LIMIT);
        if (result.ok() && isDone()) {
            context.out().print(result.out().strip().indent(9));
            return;
        }
        String why = (result.err().isBlank() ? result.out() : result.err()).strip();
        context.out().println("         no certificate from the CA yet; the self-signed one keeps serving:");
        context.out().print(why.indent(11));
        context.out().println("         to try again once DNS and port 80 are right (or rerun the installer with "
                + "--acme):");
        context.out().println("           " + String.join(" ", argv()));
    }

    List<String> argv() {
        List<String> argv = new ArrayList<>(context.toaster("cert", "acme", "--email", acme.email(), "--agree-tos",
                "--directory", acme.directory(), "--challenge", acme.challenge()));
        acme.caCert().ifPresent(ca -> argv.addAll(List.of("--ca-cert", ca.toString())));
        return argv;
    }
}
