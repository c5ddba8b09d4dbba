package org.godshell.toaster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toaster cert}: the server's TLS certificate. */
@Command(name = "cert", mixinStandardHelpOptions = true, description = "The TLS certificate of the SMTP server.",
        subcommands = {CertSelfSignedCommand.class, CertAcmeCommand.class, CertRenewCommand.class,
                CertStatusCommand.class})
final class CertCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
