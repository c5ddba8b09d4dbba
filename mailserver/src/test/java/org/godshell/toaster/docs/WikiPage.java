package org.godshell.toaster.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page of the wiki (wiki-content/NAME.md) as the reference tests read it: its markdown tables under a heading,
 * and the code spans of a cell. The tests hold the code against these tables, so the pages cannot drift.
 */
public record WikiPage(String name, String text) {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    /** The folder of the pages: -Dwiki.content, else ../wiki-content from the module's directory. */
    public static Path folder() {
        return Path.of(System.getProperty("wiki.content", "../wiki-content")).toAbsolutePath().normalize();
    }

    public static WikiPage read(String name) throws IOException {
        return new WikiPage(name, Files.readString(folder().resolve(name + ".md"), StandardCharsets.UTF_8));
    }

    /**
     * The rows of the first table after the heading line that starts with {@code heading} (e.g. "## Variables"),
     * header and separator left out; each row as its cells, trimmed. A {@code |} inside a code span, written
     * {@code \|}, stays in its cell.
     */
    public List<List<String>> table(String heading) {
        List<String> lines = text.lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(heading)) {
            at++;
        }
        if (at == lines.size()) {
            throw new AssertionError(name + ".md has no heading \"" + heading + "\"");
        }
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        if (rows.isEmpty()) {
            throw new AssertionError(name + ".md has no table under \"" + heading + "\"");
        }
        return rows;
    }

    static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** The code spans of a piece of markdown, without their backticks. */
    public static List<String> codeSpans(String markdown) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(markdown);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** A cell as plain text: code spans, bold and wiki links reduced to their text. */
    public static String plain(String cell) {
        return cell.replaceAll("\\[\\[([^]|]*)\\|[^]]*]]", "$1").replaceAll("\\[\\[([^]]*)]]", "$1")
                .replace("`", "").replace("**", "").strip();
    }
}
