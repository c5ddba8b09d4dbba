package org.godshell.toaster.site.build;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.key.KeyWriter;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.render.Rendered;

/**
 * The build index as text: one record a line, fields separated by tabs, with backslash escapes for tab, newline,
 * carriage return and backslash; the last line is the SHA-256 of all before it. The file is ours, but it lives
 * on disk beside the site and may be truncated, damaged or from another version: anything that does not decode
 * exactly is an {@link IndexException}, and the build then starts over in full.
 */
final class IndexCodec {

    static final String MAGIC = "toaster-wiki-index\t3";
    /** An index bigger than this is not read: the build starts over rather than filling the heap. */
    static final long MAX_BYTES = 1L << 30;

    /** Why an index could not be used. */
    static final class IndexException extends Exception {
        private static final long serialVersionUID = 1L;

        IndexException(String message) {
            super(message);
        }
    }

    private IndexCodec() {
    }

    /**
     * Lines an earlier encoding made, by the very object they encode: a page's rendering (with the path and blob
     * it was cached under) and a commit. An object taken over unchanged from the previous build encodes to the
     * same line, so the line is copied rather than escaped again, character by character.
     */
    record Lines(Map<Rendered, PageLine> pages, Map<History.Commit, String> commits, int chars) {

        static Lines none() {
            return new Lines(new IdentityHashMap<>(), new IdentityHashMap<>(), 0);
        }
    }

    /** A page record: the path and blob it was written with, and the line. */
    record PageLine(String path, String blob, String line) {
    }

    /** An encoded index and its lines, for the next encoding in this process. */
    record Encoded(byte[] bytes, Lines lines) {
    }

    static byte[] encode(BuildIndex index) {
        return encode(index, Lines.none()).bytes();
    }

    /** Encodes {@code index}, copying the lines of {@code earlier} made from the same objects. */
    static Encoded encode(BuildIndex index, Lines earlier) {
        Map<Rendered, PageLine> pageLines = new IdentityHashMap<>();
        Map<History.Commit, String> commitLines = new IdentityHashMap<>();
        // sized after the previous index: growing a buffer of megabytes by doubling copies it again and again
        StringBuilder out = new StringBuilder(Math.max(64, earlier.chars() + earlier.chars() / 8)).append(MAGIC)
                .append('\n');
        line(out, "fingerprint", index.fingerprint());
        line(out, "commit", index.commit());
        line(out, "site", index.site().title(), index.site().siteUrl(), index.site().cloneUrl());
        new TreeMap<>(index.pagesNow()).forEach((path, link) -> line(out, "name", path, link.title(), link.url()));
        new TreeMap<>(index.keys()).forEach((path, key) -> line(out, "key", path, key));
        for (var page : new TreeMap<>(index.pages()).entrySet()) {
            Rendered rendered = page.getValue().rendered();
            String blob = page.getValue().blob();
            PageLine known = earlier.pages().get(rendered);
            if (known == null || !known.path().equals(page.getKey()) || !known.blob().equals(blob)) {
                StringBuilder one = new StringBuilder();
                line(one, pageFields(page.getKey(), blob, rendered));
                known = new PageLine(page.getKey(), blob, one.toString());
            }
            pageLines.put(rendered, known);
            out.append(known.line());
        }
        Map<Change, String> refs = new HashMap<>();
        List<History.Commit> commits = index.history().commits();
        for (int c = 0; c < commits.size(); c++) {
            History.Commit commit = commits.get(c);
            String known = earlier.commits().get(commit);
            if (known == null) {
                StringBuilder one = new StringBuilder();
                line(one, commitFields(commit));
                known = one.toString();
            }
            commitLines.put(commit, known);
            out.append(known);
            for (int k = 0; k < commit.changes().size(); k++) {
                refs.put(commit.changes().get(k), c + "." + k);
            }
        }
        for (var page : new TreeMap<>(index.history().pages()).entrySet()) {
            List<String> fields = new ArrayList<>(List.of("h", page.getKey(),
                    Integer.toString(page.getValue().size())));
            for (Change change : page.getValue()) {
                String ref = refs.get(change);
                if (ref == null) {
                    throw new IllegalStateException("a page change outside the commit list: " + change);
                }
                fields.add(ref);
            }
            line(out, fields.toArray(String[]::new));
        }
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("end\t" + KeyWriter.sha256(body) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + end.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(end, 0, all, body.length, end.length);
        return new Encoded(all, new Lines(pageLines, commitLines, out.length()));
    }

    private static String[] pageFields(String path, String blob, Rendered rendered) {
        List<String> fields = new ArrayList<>(List.of("page", path, blob, rendered.html(), rendered.text(),
                rendered.notice().isPresent() ? "1" : "0", rendered.notice().orElse("")));
        fields.add(Integer.toString(rendered.headings().size()));
        for (Rendered.Heading heading : rendered.headings()) {
            fields.addAll(List.of(Integer.toString(heading.level()), heading.text(), heading.id()));
        }
        list(fields, rendered.linksTo());
        list(fields, rendered.missing());
        fields.add(Integer.toString(rendered.resolved().size()));
        rendered.resolved().forEach((target, linked) -> fields.addAll(List.of(target, linked)));
        fields.add(Integer.toString(rendered.headingLinks().size()));
        for (Rendered.HeadingLink link : rendered.headingLinks()) {
            fields.addAll(List.of(link.path(), link.id(), link.written()));
        }
        return fields.toArray(String[]::new);
    }

    private static String[] commitFields(History.Commit commit) {
        List<String> fields = new ArrayList<>(List.of("c", commit.id(), commit.author(),
                Long.toString(commit.time().getEpochSecond()), Integer.toString(commit.time().getNano()),
                commit.subject(), Integer.toString(commit.changes().size())));
        for (Change change : commit.changes()) {
            fields.addAll(List.of(change.kind().name(), change.path(), change.oldPath()));
        }
        return fields.toArray(String[]::new);
    }

    private static void list(List<String> fields, List<String> items) {
        fields.add(Integer.toString(items.size()));
        fields.addAll(items);
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String field = fields[i];
            // runs without a character to escape are copied whole: a page's HTML is mostly such a run
            int run = 0;
            for (int j = 0; j < field.length(); j++) {
                String escaped = switch (field.charAt(j)) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    default -> null;
                };
                if (escaped != null) {
                    out.append(field, run, j).append(escaped);
                    run = j + 1;
                }
            }
            out.append(field, run, field.length());
        }
        out.append('\n');
    }

    static BuildIndex decode(byte[] bytes) throws IndexException {
        return decode(bytes, true);
    }

    /**
     * The index; without {@code buildRecords}, without the file keys and renderings only a build uses (most of the
     * index's bytes), which are then empty: what the server reads to render commit pages.
     */
    static BuildIndex decode(byte[] bytes, boolean buildRecords) throws IndexException {
        int endLine = lastLineStart(bytes);
        String end = new String(bytes, endLine, bytes.length - endLine, StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(bytes, endLine);
        if (!end.equals("end\t" + KeyWriter.sha256(body) + "\n")) {
            throw new IndexException("checksum mismatch (truncated or damaged)");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC + "\n")) {
            throw new IndexException("not a build index of this version");
        }
        try {
            return parse(text.substring(MAGIC.length() + 1).split("\n", -1), buildRecords);
        } catch (RuntimeException e) {
            throw new IndexException("malformed: " + e.getMessage());
        }
    }

    private static int lastLineStart(byte[] bytes) throws IndexException {
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new IndexException("truncated");
        }
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        throw new IndexException("truncated");
    }

    private static BuildIndex parse(String[] lines, boolean buildRecords) throws IndexException {
        String fingerprint = null;
        String commit = null;
        SiteConfig site = null;
        Map<String, Views.Link> pagesNow = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        Map<String, BuildIndex.CachedPage> pages = new HashMap<>();
        List<History.Commit> commits = new ArrayList<>();
        Map<String, List<Change>> history = new HashMap<>();
        for (int n = 0; n < lines.length - 1; n++) {
            if (!buildRecords && (lines[n].startsWith("page\t") || lines[n].startsWith("key\t"))) {
                continue;
            }
            Fields fields = new Fields(lines[n]);
            switch (fields.next()) {
                case "fingerprint" -> fingerprint = fields.next();
                case "commit" -> commit = fields.next();
                case "site" -> site = new SiteConfig(fields.next(), fields.next(), fields.next());
                case "name" -> pagesNow.put(fields.next(), new Views.Link(fields.next(), fields.next()));
                case "key" -> keys.put(fields.next(), fields.next());
                case "page" -> {
                    String path = fields.next();
                    String blob = fields.next();
                    pages.put(path, new BuildIndex.CachedPage(blob, rendered(fields)));
                }
                case "c" -> commits.add(commit(fields));
                case "h" -> {
                    String path = fields.next();
                    int count = fields.count();
                    List<Change> changes = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        String[] ref = fields.next().split("\\.", 2);
                        changes.add(commits.get(Integer.parseInt(ref[0])).changes().get(Integer.parseInt(ref[1])));
                    }
                    history.put(path, changes);
                }
                default -> throw new IndexException("unknown record on line " + (n + 2));
            }
            fields.done();
        }
        if (!lines[lines.length - 1].isEmpty() || fingerprint == null || commit == null
                || site == null) {
            throw new IndexException("incomplete");
        }
        return new BuildIndex(fingerprint, commit, keys, pages, new History(commit, history, commits), site,
                pagesNow);
    }

    private static Rendered rendered(Fields fields) {
        String html = fields.next();
        String text = fields.next();
        boolean hasNotice = fields.flag();
        String notice = fields.next();
        int count = fields.count();
        List<Rendered.Heading> headings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headings.add(new Rendered.Heading(Integer.parseInt(fields.next()), fields.next(), fields.next()));
        }
        List<String> linksTo = fields.list();
        List<String> missing = fields.list();
        count = fields.count();
        Map<String, String> resolved = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            resolved.put(fields.next(), fields.next());
        }
        count = fields.count();
        List<Rendered.HeadingLink> headingLinks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headingLinks.add(new Rendered.HeadingLink(fields.next(), fields.next(), fields.next()));
        }
        return new Rendered(html, headings, text, linksTo, missing,
                hasNotice ? Optional.of(notice) : Optional.empty(), resolved, headingLinks);
    }

    private static History.Commit commit(Fields fields) {
        String id = fields.next();
        String author = fields.next();
        Instant time = Instant.ofEpochSecond(Long.parseLong(fields.next()), Integer.parseInt(fields.next()));
        String subject = fields.next();
        int count = fields.count();
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(new Change(id, author, time, subject, Change.Kind.valueOf(fields.next()), fields.next(),
                    fields.next()));
        }
        return new History.Commit(id, author, time, subject, changes);
    }

    /** The fields of one line, read in order; too few or too many is malformed. */
    private static final class Fields {
        private final String[] raw;
        private int next;

        Fields(String line) {
            raw = line.split("\t", -1);
        }

        String next() {
            if (next >= raw.length) {
                throw new IllegalArgumentException("a line ends early");
            }
            return unescape(raw[next++]);
        }

        int count() {
            int count = Integer.parseInt(next());
            if (count < 0 || count > raw.length) {
                throw new IllegalArgumentException("a count of " + count + " on a line of " + raw.length);
            }
            return count;
        }

        boolean flag() {
            return switch (next()) {
                case "0" -> false;
                case "1" -> true;
                default -> throw new IllegalArgumentException("a flag that is not 0 or 1");
            };
        }

        List<String> list() {
            int count = count();
            List<String> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(next());
            }
            return items;
        }

        void done() {
            if (next != raw.length) {
                throw new IllegalArgumentException("a line has extra fields");
            }
        }

        private static String unescape(String field) {
            if (field.indexOf('\\') < 0) {
                return field;
            }
            StringBuilder out = new StringBuilder(field.length());
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (++i == field.length()) {
                    throw new IllegalArgumentException("a field ends in a backslash");
                }
                out.append(switch (field.charAt(i)) {
                    case '\\' -> '\\';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> throw new IllegalArgumentException("an unknown escape");
                });
            }
            return out.toString();
        }
    }
}
