package org.godshell.toaster.site.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code _search/documents.txt}, what the site build publishes for the server's search: one line per field, its
 * kind in the first column, columns split by tabs (qmail's "don't parse": no quoting, no nesting).
 * <pre>
 * toaster-search 1
 * P  url  title          a page; the lines below belong to it
 * A  alias
 * G  tag
 * S  level  anchor  heading  text   a section (level 0: the text before the first heading)
 * </pre>
 * Values never hold a tab, a line break or another control character: the writer turns each into a space.
 * Both sides cap: a section's text at {@link #MAX_SECTION} characters, the file at {@link #MAX_BYTES}; the writer
 * leaves out the pages past it, the reader refuses a larger file.
 */
public final class DocumentsFile {

    public static final String PATH = "_search/documents.txt";
    static final String HEADER = "toaster-search 1";
    static final int MAX_BYTES = 16 << 20;
    static final int MAX_SECTION = 20_000;

    /** The file cannot be used: our words for why, never its content. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason);
        }
    }

    private DocumentsFile() {
    }

    public static byte[] write(List<SearchDocument> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (SearchDocument document : documents) {
            StringBuilder page = new StringBuilder();
            line(page, "P", document.url(), document.title());
            document.aliases().forEach(alias -> line(page, "A", alias));
            document.tags().forEach(tag -> line(page, "G", tag));
            for (SearchDocument.Section section : document.sections()) {
                String text = section.text();
                line(page, "S", Integer.toString(section.level()), section.anchor(), section.heading(),
                        text.length() > MAX_SECTION ? text.substring(0, MAX_SECTION) : text);
            }
            byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
            if (out.size() + bytes.length > MAX_BYTES) {
                break;
            }
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static void line(StringBuilder out, String kind, String... values) {
        out.append(kind);
        for (String value : values) {
            out.append('\t');
            // char by char is code point by code point here: no half of a surrogate pair is a control character
            int start = out.length();
            out.append(value);
            for (int i = start; i < out.length(); i++) {
                if (Character.isISOControl(out.charAt(i))) {
                    out.setCharAt(i, ' ');
                }
            }
        }
        out.append('\n');
    }

    public static List<SearchDocument> read(byte[] bytes) throws Unreadable {
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("the documents file is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("the documents file is not UTF-8");
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new Unreadable("the documents file does not start with \"" + HEADER + "\" or is cut short");
        }
        List<SearchDocument> documents = new ArrayList<>();
        Builder page = null;
        for (int i = 1; i < lines.length - 1; i++) {
            String[] columns = lines[i].split("\t", -1);
            String kind = columns[0];
            if (!kind.equals("P") && page == null) {
                throw new Unreadable("line " + (i + 1) + " of the documents file comes before any page");
            }
            switch (kind) {
                case "P" -> {
                    columns(columns, 3, i);
                    if (page != null) {
                        documents.add(page.build());
                    }
                    page = new Builder(columns[1], columns[2]);
                }
                case "A" -> page.aliases.add(columns(columns, 2, i)[1]);
                case "G" -> page.tags.add(columns(columns, 2, i)[1]);
                case "S" -> {
                    columns(columns, 5, i);
                    page.sections.add(new SearchDocument.Section(level(columns[1], i), columns[2], columns[3],
                            columns[4]));
                }
                default -> throw new Unreadable("line " + (i + 1) + " of the documents file has an unknown kind");
            }
        }
        if (page != null) {
            documents.add(page.build());
        }
        return documents;
    }

    private static String[] columns(String[] columns, int expected, int line) throws Unreadable {
        if (columns.length != expected) {
            throw new Unreadable("line " + (line + 1) + " of the documents file has " + columns.length
                    + " columns, not " + expected);
        }
        return columns;
    }

    private static int level(String column, int line) throws Unreadable {
        if (column.length() != 1 || column.charAt(0) < '0' || column.charAt(0) > '6') {
            throw new Unreadable("line " + (line + 1) + " of the documents file has a heading level not 0 to 6");
        }
        return column.charAt(0) - '0';
    }

    private static final class Builder {
        private final String url;
        private final String title;
        private final List<String> aliases = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final List<SearchDocument.Section> sections = new ArrayList<>();

        Builder(String url, String title) {
            this.url = url;
            this.title = title;
        }

        SearchDocument build() {
            return new SearchDocument(url, title, aliases, tags, sections);
        }
    }
}
