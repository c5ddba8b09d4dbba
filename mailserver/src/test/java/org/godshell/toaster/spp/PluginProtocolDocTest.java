package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.godshell.toaster.docs.WikiPage;
import org.junit.jupiter.api.Test;

/**
 * The plugin protocol's reference tables on "Plugins" against the code: the variables the server puts in a
 * plugin's environment, the commands {@link Command#parse} accepts, the sections, and the attributes of a
 * Postfix policy request. Each table must list exactly what the code has.
 */
class PluginProtocolDocTest {

    /** Where the server sets a plugin variable: the session (smtpd) and the plugin runners. */
    private static final List<Path> SETTERS = List.of(Path.of("src/main/java/org/godshell/toaster/smtpd"),
            Path.of("src/main/java/org/godshell/toaster/spp/PluginRunner.java"),
            Path.of("src/main/java/org/godshell/toaster/spp/LongRunningProcess.java"));
    private static final Pattern PUT = Pattern.compile("\\.put\\(\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]+");

    private final WikiPage page;

    PluginProtocolDocTest() throws IOException {
        page = WikiPage.read("Plugins");
    }

    @Test
    void theVariablesTableListsEveryVariableTheServerSetsAndNoOther() throws IOException {
        Set<String> set = new TreeSet<>();
        for (Path root : SETTERS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = PUT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        set.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(set.containsAll(List.of("TCPREMOTEIP", "SMTPMAILFROM", "SMTPRCPTTO", "TOASTER_HOME")), set.toString());
        Set<String> documented = new TreeSet<>();
        for (List<String> row : page.table("## Variables")) {
            WikiPage.codeSpans(row.get(0)).stream().filter(s -> VARIABLE.matcher(s).matches()).forEach(documented::add);
        }
        assertEquals(set, documented, "the variables a plugin gets (left: set in the code; right: the page's table)");
    }

    @Test
    void theCommandsTableListsEveryCommandThePluginsMayPrintAndNoOther() {
        Set<String> accepted = new TreeSet<>();
        List<String> samples = List.of("", "550 5.7.1 no", "550-5.7.1 no", "NAME=value", "NAME", "X-Test: yes",
                "a@example.org");
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            if (letter == 'L') {
                for (char section = 'A'; section <= 'Z'; section++) {
                    if (parses("L" + section + "550 5.7.1 no")) {
                        accepted.add("L" + section);
                    }
                }
                continue;
            }
            for (String sample : samples) {
                if (parses(letter + sample)) {
                    accepted.add(String.valueOf(letter));
                    break;
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Pattern command = Pattern.compile("([A-Z]{1,2})(?:<.*)?");
        for (List<String> row : page.table("## Commands")) {
            for (String span : WikiPage.codeSpans(row.get(0))) {
                Matcher m = command.matcher(span);
                if (m.matches()) {
                    documented.add(m.group(1));
                }
            }
        }
        assertEquals(accepted, documented, "plugin commands (left: what Command.parse accepts; right: the page)");
    }

    private static boolean parses(String line) {
        try {
            Command.parse(line);
            return true;
        } catch (Command.Garbage e) {
            return false;
        }
    }

    @Test
    void theSectionsTableListsEverySection() {
        Set<String> sections = new TreeSet<>();
        for (Section section : Section.values()) {
            sections.add("[" + section.label() + "]");
        }
        Set<String> documented = new TreeSet<>();
        for (List<String> row : page.table("## When each section runs")) {
            documented.addAll(WikiPage.codeSpans(row.get(0)));
        }
        assertEquals(sections, documented);
    }

    @Test
    void thePolicyRequestTableListsEveryAttributeSent() {
        Set<String> sent = PolicyRequest.attributes(Section.RCPT, Map.of()).keySet();
        List<String> documented = new ArrayList<>();
        for (List<String> row : page.table("### What the server is sent")) {
            documented.addAll(WikiPage.codeSpans(row.get(0)));
        }
        List<String> problems = new ArrayList<>();
        for (String attribute : sent) {
            if (documented.stream().noneMatch(d -> covers(d, attribute))) {
                problems.add(attribute + " is sent but not on the page");
            }
        }
        for (String d : documented) {
            if (sent.stream().noneMatch(attribute -> covers(d, attribute))) {
                problems.add(d + " is on the page but never sent");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePolicyActionTableSaysWhatEachActionBecomes() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (List<String> row : page.table("### What the answer does")) {
            List<String> actions = WikiPage.codeSpans(row.get(0));
            List<String> becomes = WikiPage.codeSpans(row.get(1));
            for (int i = 0; i < actions.size(); i++) {
                // a sample of the documented form: [text] and text become "text", NN becomes 50
                String action = actions.get(i).replace("[text]", "text").replace("NN", "50");
                List<String> expected = becomes.isEmpty() ? List.of()
                        : List.of((becomes.size() == actions.size() ? becomes.get(i) : becomes.get(0)).replace("NN", "50"));
                List<String> actual = PolicyAction.map(action).lines();
                if (!actual.equals(expected)) {
                    problems.add(action + ": the page says " + expected + ", the code gives " + actual);
                }
                checked++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 15, "actions checked: " + checked);
    }

    private static boolean covers(String documented, String attribute) {
        return documented.endsWith("*") ? attribute.startsWith(documented.substring(0, documented.length() - 1))
                : documented.equals(attribute);
    }
}
