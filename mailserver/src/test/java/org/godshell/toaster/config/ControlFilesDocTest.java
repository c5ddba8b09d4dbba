package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.godshell.toaster.docs.WikiPage;
import org.junit.jupiter.api.Test;

/**
 * {@link ControlFiles} against the two things it must agree with: the readers in the sources (every file they
 * read is listed, and every listed file is read), and the wiki's "Control files" page (one row per file, with
 * the same default, and nothing else).
 */
class ControlFilesDocTest {

    /** How the readers name a control file: a path literal, or a name resolved in the control directory. */
    private static final List<Pattern> READERS = List.of(
            Pattern.compile("\"control/([a-z0-9.-]+)\""),
            Pattern.compile("\\b(?:control|controlDir|control\\(\\))\\.resolve\\(\"([a-z0-9.-]+)\"\\)"),
            Pattern.compile("\\b(?:file|single|list|number)\\(\"([a-z0-9.-]+)\""),
            Pattern.compile("\\bnumber\\((?:control|controlDir|dir), \"([a-z0-9.-]+)\""));
    /** The sample plugins read control files too: {@code $home/control/validrcptto}, {@code control/me}. */
    private static final Pattern SCRIPT_READER =
            Pattern.compile("(?:^|[\\s$/{}\"'=])control/([a-z0-9][a-z0-9.-]*[a-z0-9])");

    private static final Path MAIN = Path.of("src/main/java");
    /** The toaster command reads the listen files of the daemons it starts. */
    private static final Path CLI = Path.of("../cli/src/main/java");
    private static final Path PLUGINS = Path.of("src/dist/plugins");

    @Test
    void everyFileTheSourcesReadIsListedAndEveryListedFileIsRead() throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        for (Path file : Stream.concat(files(MAIN, ".java").stream(), files(CLI, ".java").stream()).toList()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Pattern pattern : READERS) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    read.putIfAbsent(m.group(1), file.toString());
                }
            }
        }
        for (Path file : files(PLUGINS, "")) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = SCRIPT_READER.matcher(line);
                while (m.find()) {
                    read.putIfAbsent(m.group(1), file.toString());
                }
            }
        }
        List<String> unlisted = read.entrySet().stream().filter(e -> ControlFiles.find(e.getKey()).isEmpty())
                .map(e -> e.getKey() + " (read in " + e.getValue() + ")").toList();
        assertEquals(List.of(), unlisted, "control files read by the code but missing from ControlFiles.ALL");
        List<String> unread = ControlFiles.ALL.stream().map(ControlFiles.Entry::name)
                .filter(name -> !read.containsKey(name) && !mentionedAsLiteral(name)).toList();
        assertEquals(List.of(), unread, "ControlFiles.ALL lists files no code reads");
        assertTrue(read.size() >= 30, "the scan found the readers: " + read.keySet());
    }

    /** rcpthosts and morercpthosts are read in one loop over their names. */
    private static boolean mentionedAsLiteral(String name) {
        try {
            for (Path file : files(MAIN.resolve("org/godshell/toaster/config"), ".java")) {
                if (Files.readString(file).contains("\"" + name + "\"") && !file.endsWith("ControlFiles.java")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theControlFilesPageHasOneRowPerFileWithTheSameDefault() throws IOException {
        List<List<String>> rows = WikiPage.read("Control-files").table("## The files");
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (List<String> row : rows) {
            for (String span : WikiPage.codeSpans(row.get(0))) {
                String name = span.equals("servercerts/*.pem") ? "servercerts" : span;
                if (documented.put(name, WikiPage.plain(row.get(1))) != null) {
                    problems.add(name + " has two rows");
                }
            }
        }
        for (ControlFiles.Entry entry : ControlFiles.ALL) {
            String shown = documented.get(entry.name());
            if (shown == null) {
                problems.add(entry.name() + " has no row in Control-files.md's table");
            } else if (!shown.equals(entry.fallback())) {
                problems.add(entry.name() + ": the page says the default is \"" + shown + "\", the code \""
                        + entry.fallback() + "\"");
            }
        }
        for (String name : documented.keySet()) {
            if (ControlFiles.find(name).isEmpty()) {
                problems.add(name + " is on the page but the toaster reads no such file");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFileHasASectionWithItsSyntaxOrAPageThatExplainsIt() throws IOException {
        WikiPage page = WikiPage.read("Control-files");
        List<List<String>> rows = page.table("## The files");
        Set<String> missing = new TreeSet<>();
        for (ControlFiles.Entry entry : ControlFiles.ALL) {
            boolean section = page.text().lines().filter(line -> line.matches("###? .*"))
                    .anyMatch(heading -> WikiPage.codeSpans(heading).stream().anyMatch(s -> s.startsWith(entry.name()))
                            || List.of(heading.replaceFirst("^#+ ", "").split("[ ,:]+")).contains(entry.name()));
            boolean linked = rows.stream().filter(row -> WikiPage.codeSpans(row.get(0)).stream()
                    .anyMatch(span -> span.startsWith(entry.name()))).anyMatch(row -> row.get(2).contains("[["));
            if (!section && !linked) {
                missing.add(entry.name());
            }
        }
        assertEquals(Set.of(), missing, "files with neither a ### section on Control-files.md nor a link to the page"
                + " that explains them");
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix))
                    .collect(Collectors.toList());
        }
    }
}
