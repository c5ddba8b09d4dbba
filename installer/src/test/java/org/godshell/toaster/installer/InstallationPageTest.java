package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The installer's page against picocli's model of the installer: the Installation page names every command and
 * every option, and no page of the wiki shows a {@code java -jar toaster-installer.jar} line with a command or
 * an option the installer lacks.
 */
class InstallationPageTest {

    private static final Path WIKI = Path.of("..", "wiki-content");
    private static final Pattern LINE = Pattern.compile("toaster-installer\\.jar((?: [^|;&>#`\\s][^\\s]*)*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

    private final CommandLine installer = new CommandLine(new InstallerMain());

    @Test
    void theInstallationPageNamesEveryCommandAndOption() throws IOException {
        String page = Files.readString(WIKI.resolve("Installation.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (CommandLine command : installer.getSubcommands().values()) {
            String name = command.getCommandName();
            if (!name.equals("help") && !page.contains("`" + name + "`")) {
                missing.add("the command " + name);
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp() && !page.contains("`" + option.longestName())) {
                    missing.add(name + " " + option.longestName());
                }
            }
        }
        assertEquals(List.of(), missing, "not on Installation.md");
    }

    @Test
    void everyInstallerCommandLineInTheWikiExists() throws IOException {
        List<String> problems = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> pages = Files.list(WIKI)) {
            for (Path file : pages.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = LINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    seen++;
                    String[] words = m.group(1).strip().split("\\s+");
                    CommandSpec spec = installer.getSubcommands().get("install").getCommandSpec();
                    if (words.length > 0 && words[0].matches("[a-z]+")) {
                        CommandLine sub = installer.getSubcommands().get(words[0]);
                        if (sub == null) {
                            problems.add(file.getFileName() + ": no installer command " + words[0]);
                            continue;
                        }
                        spec = sub.getCommandSpec();
                    }
                    Matcher option = OPTION.matcher(m.group(1));
                    while (option.find()) {
                        if (spec.findOption(option.group(1)) == null) {
                            problems.add(file.getFileName() + ": \"toaster-installer.jar" + m.group(1) + "\": "
                                    + spec.name() + " has no option " + option.group(1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(seen >= 10, "installer command lines checked: " + seen);
    }
}
