package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the named subcommand is registered, and the list's names are the ones the commands carry. */
class SubcommandsTest {

    private static List<String> names(CommandLine command) {
        return List.copyOf(command.getSubcommands().keySet());
    }

    @Test
    void eachListedNameIsTheNameTheCommandCarries() {
        for (String name : Subcommands.NAMES) {
            assertEquals(name, new CommandLine(Subcommands.make(name)).getCommandName());
        }
    }

    @Test
    void aNameThatIsNoSubcommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Subcommands.make("frobnicate"));
    }

    @Test
    void aCommandLineNamingASubcommandGetsOnlyThatOne() {
        assertEquals(List.of("smtpd"), names(Subcommands.forArguments("smtpd", "--no-deliver")));
        assertEquals(List.of("wiki"), names(Subcommands.forArguments("wiki", "serve")));
    }

    @Test
    void helpNoSubcommandOrAMisspeltOneGetsThemAll() {
        List<String> all = Subcommands.NAMES;
        assertEquals(all, names(Subcommands.forArguments()));
        assertEquals(all, names(Subcommands.forArguments("help", "smtpd")));
        assertEquals(all, names(Subcommands.forArguments("smtp")));
        assertEquals(all, names(Subcommands.forArguments("--help")));
    }

    @Test
    void aMisspeltSubcommandStillGetsTheSuggestion() {
        StringWriter err = new StringWriter();
        int exit = Toaster.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "stauts");
        assertEquals(2, exit);
        assertEquals(true, err.toString().contains("status"), err.toString());
    }
}
