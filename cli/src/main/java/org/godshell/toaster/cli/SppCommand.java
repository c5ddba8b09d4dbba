package org.godshell.toaster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toaster spp}: the plugin engine's admin commands. */
@Command(name = "spp", mixinStandardHelpOptions = true, description = "qmail-spp plugins: try them out.",
        subcommands = {SppTestCommand.class})
final class SppCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
