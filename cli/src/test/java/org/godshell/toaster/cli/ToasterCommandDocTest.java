package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.godshell.toaster.docs.WikiPage;
import org.godshell.toaster.layout.Daemons;
import org.godshell.toaster.supervise.Supervisor;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code toaster} command's reference page against picocli's model of the command: every subcommand has a
 * row on "Toaster command" naming every option it has, the page names nothing the command lacks, and no page
 * of the wiki shows a {@code toaster} command line with a subcommand or option that does not exist.
 */
class ToasterCommandDocTest {

    /** Options every command has, documented once on the page rather than in every row. */
    private static final Set<String> EVERYWHERE = Set.of("--help", "--version", "--prefix");
    /** A toaster command line in a code span or a code block line: at its start, after a path or a prompt. */
    private static final Pattern INVOCATION = Pattern.compile("(?:^|\\$ |/|&& |sudo )toaster (?! )([^|;&>#`]*)");

    /**
     * The first line of {@code toaster stats}' report, shown on the Monitoring page: output that starts with the
     * command's name, not a command line ({@code stats} has subcommands, so "since" would read as one).
     */
    private static final Pattern STATS_REPORT = Pattern.compile("toaster stats since \\d{4}-\\d{2}-\\d{2}T\\S*");

    /** A fence opening a code block: three or more backticks or tildes, then the info string. */
    private static final Pattern FENCE = Pattern.compile("(`{3,}|~{3,}).*");

    private final CommandLine root = Subcommands.all();

    @Test
    void everySubcommandHasARowNamingEachOfItsOptions() throws IOException {
        List<List<String>> rows = WikiPage.read("Toaster-command").table("# The `toaster` command");
        Map<String, String> rowOf = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (List<String> row : rows) {
            String usage = WikiPage.codeSpans(row.get(0)).getFirst();
            Resolved resolved = resolve(usage.replaceFirst("^toaster ", "").split("\\s+"));
            problems.addAll(resolved.problems().stream().map(p -> "row \"" + usage + "\": " + p).toList());
            rowOf.merge(resolved.path(), String.join(" ", row), (a, b) -> a + " " + b);
            for (String span : WikiPage.codeSpans(String.join(" ", row))) {
                for (String option : options(span)) {
                    if (!EVERYWHERE.contains(option) && resolved.spec().findOption(option) == null) {
                        problems.add("row \"" + usage + "\" names " + option + ", which " + resolved.path()
                                + " does not have");
                    }
                }
            }
        }
        for (CommandLine command : leaves(root)) {
            String path = command.getCommandSpec().qualifiedName();
            String row = rowOf.get(path);
            if (row == null) {
                problems.add(path + " has no row on Toaster-command.md");
                continue;
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                String name = option.longestName();
                if (!EVERYWHERE.contains(name) && !row.contains(name)) {
                    problems.add(path + ": its row does not mention " + name);
                }
            }
        }
        for (String supervising : List.of("toaster start", "toaster stop", "toaster status")) {
            for (String daemon : Daemons.ALL) {
                if (!rowOf.getOrDefault(supervising, "").contains("[" + daemon + "]")) {
                    problems.add(supervising + ": its row does not name the daemon [" + daemon + "]");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(rowOf.size() >= 25, rowOf.keySet().toString());
        String page = WikiPage.read("Toaster-command").text();
        assertTrue(page.contains("`--prefix DIR`"), "the page explains --prefix, which every subcommand takes");
    }

    @Test
    void everyToasterCommandLineInTheWikiExists() throws IOException {
        List<String> problems = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> pages = Files.list(WikiPage.folder())) {
            for (Path file : pages.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String line : codeLines(Files.readString(file))) {
                    if (STATS_REPORT.matcher(line).matches()) {
                        continue;
                    }
                    Matcher m = INVOCATION.matcher(line);
                    while (m.find()) {
                        String[] words = m.group(1).strip().split("\\s+");
                        if (words.length == 0 || !words[0].matches("[a-z][a-z0-9-]*")) {
                            continue;
                        }
                        seen++;
                        Resolved resolved = resolve(words);
                        resolved.problems().forEach(p -> problems.add(file.getFileName() + ": \"toaster "
                                + m.group(1).strip() + "\": " + p));
                        for (String option : options(m.group(1))) {
                            if (!EVERYWHERE.contains(option) && resolved.spec().findOption(option) == null) {
                                problems.add(file.getFileName() + ": \"toaster " + m.group(1).strip() + "\": "
                                        + resolved.path() + " has no option " + option);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(seen >= 40, "command lines checked: " + seen);
    }

    /** The subcommand a list of words names, as far as they name one, and what does not exist. */
    private Resolved resolve(String[] words) {
        CommandLine at = root;
        List<String> problems = new ArrayList<>();
        for (String word : words) {
            if (!word.matches("[a-z][a-z0-9-]*") || at.getSubcommands().isEmpty()) {
                break;
            }
            CommandLine next = at.getSubcommands().get(word);
            if (next == null) {
                problems.add(at.getCommandSpec().qualifiedName() + " has no subcommand " + word);
                break;
            }
            at = next;
        }
        return new Resolved(at.getCommandSpec().qualifiedName(), at.getCommandSpec(), problems);
    }

    private record Resolved(String path, CommandSpec spec, List<String> problems) {}

    private static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Commands without subcommands of their own: each is a row of the page. */
    private static List<CommandLine> leaves(CommandLine command) {
        List<CommandLine> out = new ArrayList<>();
        if (command.getSubcommands().isEmpty()) {
            out.add(command);
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(command.getSubcommands().values())) {
            out.addAll(leaves(sub));
        }
        return out;
    }

    /** The code spans of a page's text and the lines of its fenced code blocks. */
    static List<String> codeLines(String markdown) {
        List<String> out = new ArrayList<>();
        String fence = null;
        for (String line : markdown.lines().map(String::strip).toList()) {
            Matcher open = FENCE.matcher(line);
            if (fence == null && open.matches()) {
                fence = open.group(1);
            } else if (fence != null && closes(line, fence)) {
                fence = null;
            } else if (fence != null) {
                out.add(line);
            } else {
                out.addAll(WikiPage.codeSpans(line));
            }
        }
        return out;
    }

    /** Whether a line closes the fenced block {@code fence} opened: the same character, at least as many. */
    static boolean closes(String line, String fence) {
        return line.startsWith(fence) && line.chars().allMatch(c -> c == fence.charAt(0));
    }
}
