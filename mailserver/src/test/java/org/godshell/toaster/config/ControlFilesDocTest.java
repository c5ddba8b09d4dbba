package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.godshell.toaster.docs.WikiPage;
import org.junit.jupiter.api.Test;

/**
 * The wiki's "Control files" page against the table it documents, {@link ControlFiles}: one row per file, with the
 * same default and the same "takes effect", and nothing else.
 */
class ControlFilesDocTest {

    @Test
    void theControlFilesPageHasOneRowPerFileWithTheSameDefault() throws IOException {
        List<List<String>> rows = WikiPage.read("Control-files").table("## The files");
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> effects = new LinkedHashMap<>();
        for (List<String> row : rows) {
            for (String span : WikiPage.codeSpans(row.get(0))) {
                String name = span.equals("servercerts/*.pem") ? "servercerts" : span;
                if (documented.put(name, WikiPage.plain(row.get(1))) != null) {
                    problems.add(name + " has two rows");
                }
                effects.put(name, WikiPage.plain(row.getLast()));
            }
        }
        for (Key<?> key : ControlFiles.ALL) {
            String shown = documented.get(key.name());
            if (shown == null) {
                problems.add(key.name() + " has no row in Control-files.md's table");
            } else if (!shown.equals(key.fallbackText())) {
                problems.add(key.name() + ": the page says the default is \"" + shown + "\", the table \""
                        + key.fallbackText() + "\"");
            } else if (!effects.get(key.name()).equals(key.effectText())) {
                problems.add(key.name() + ": the page says an edit takes effect at \"" + effects.get(key.name())
                        + "\", the table \"" + key.effectText() + "\"");
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
        for (Key<?> entry : ControlFiles.ALL) {
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
}
