package org.godshell.toaster.site.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The changes a commit made, as text for its page: every file it changed against its first parent (renames
 * detected, as the walk does), each with the unified diff's lines. A commit's diff depends only on the commit,
 * so a build reads it once and later builds keep the page.
 *
 * <p>Limits keep a hostile or careless commit from making a page of many megabytes: files above
 * {@value #MAX_FILE_BYTES} bytes or with binary content are named without their lines; a commit shows at most
 * {@value #MAX_FILES} files and {@value #MAX_LINES} lines; a line is cut at {@value #MAX_LINE_CHARS} characters.
 * What is cut is counted, and the page says {@code git show} gives the rest.
 */
public final class CommitDiffs {

    /** Control characters but tab and newline, and the two non-characters XML forbids. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f\\uFFFE\\uFFFF]");

    static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_FILES = 200;
    static final int MAX_LINES = 3_000;
    static final int MAX_LINE_CHARS = 2_000;

    /** One line of a diff: {@code kind} is add, del, context or hunk (an {@code @@} header). */
    public record Line(String kind, String text) {
    }

    /** A changed file: its kind (created, edited, renamed, deleted), paths, and lines ({@code binary}: none shown). */
    public record FileDiff(String kind, String path, String oldPath, boolean binary, List<Line> lines) {
        public FileDiff {
            lines = List.copyOf(lines);
        }
    }

    /** A commit's diff; {@code omittedLines} and {@code omittedFiles} count what the limits left out. */
    public record Diff(String commit, List<FileDiff> files, int omittedFiles, int omittedLines) {
        public Diff {
            files = List.copyOf(files);
        }
    }

    private final Repository repository;

    public CommitDiffs(Repository repository) {
        this.repository = repository;
    }

    /** The diffs of these commits, in their order, read on several threads; {@code step} runs after each. */
    public List<Diff> read(List<String> commits, Runnable step) throws IOException {
        return Chunks.map(commits.size(), () -> new Reader(repository), (reader, index) -> {
            Diff diff = reader.diff(ObjectId.fromString(commits.get(index)));
            step.run();
            return diff;
        });
    }

    /** The diff of one commit, on this thread: what the server reads to render a commit's page on request. */
    public Diff read(String commit) throws IOException {
        try (Reader reader = new Reader(repository)) {
            return reader.diff(ObjectId.fromString(commit));
        }
    }

    /** One thread's tools: a formatter is not thread-safe, the object database is. */
    private static final class Reader implements Chunks.Tools {

        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private final DiffFormatter formatter = new DiffFormatter(text);
        private final RevWalk walk;

        Reader(Repository repository) {
            formatter.setRepository(repository);
            formatter.setDetectRenames(true);
            formatter.setBinaryFileThreshold(MAX_FILE_BYTES);
            walk = new RevWalk(repository);
        }

        Diff diff(ObjectId id) throws IOException {
            RevCommit commit = walk.parseCommit(id);
            ObjectId parent = commit.getParentCount() == 0 ? null
                    : walk.parseCommit(commit.getParent(0)).getTree().getId();
            List<DiffEntry> entries = formatter.scan(parent, commit.getTree().getId());
            List<FileDiff> files = new ArrayList<>();
            int budget = MAX_LINES;
            int omittedLines = 0;
            for (DiffEntry entry : entries.subList(0, Math.min(entries.size(), MAX_FILES))) {
                text.reset();
                formatter.format(entry);
                formatter.flush();
                String unified = text.toString(StandardCharsets.UTF_8);
                List<Line> lines = lines(unified);
                boolean binary = unified.contains("\nBinary files differ");
                if (lines.size() > budget) {
                    omittedLines += lines.size() - budget;
                    lines = lines.subList(0, budget);
                }
                budget -= lines.size();
                files.add(new FileDiff(kind(entry), printable(path(entry)), printable(entry.getOldPath()),
                        binary, lines));
            }
            return new Diff(id.name(), files, entries.size() - files.size(), omittedLines);
        }

        @Override
        public void close() {
            formatter.close();
            walk.close();
        }
    }

    /** The hunks of one file's unified diff, its header lines ({@code diff --git}, {@code index}, …) dropped. */
    static List<Line> lines(String unified) {
        List<Line> lines = new ArrayList<>();
        boolean inHunk = false;
        for (String line : unified.split("\n", -1)) {
            if (line.startsWith("@@")) {
                inHunk = true;
                lines.add(new Line("hunk", printable(cut(line))));
            } else if (inHunk && !line.isEmpty()) {
                String kind = switch (line.charAt(0)) {
                    case '+' -> "add";
                    case '-' -> "del";
                    case '\\' -> "note";
                    default -> "context";
                };
                lines.add(new Line(kind, printable(cut(line))));
            }
        }
        return lines;
    }

    private static String kind(DiffEntry entry) {
        return switch (entry.getChangeType()) {
            case ADD, COPY -> "created";
            case MODIFY -> "edited";
            case RENAME -> "renamed";
            case DELETE -> "deleted";
        };
    }

    private static String path(DiffEntry entry) {
        return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "…";
    }

    /** Control characters as U+FFFD: they have no place in HTML text, and a tab is shown as spaces by CSS. */
    static String printable(String text) {
        // most lines have nothing to replace: finding that costs a fraction of a replaceAll
        Matcher matcher = UNPRINTABLE.matcher(text);
        return matcher.find() ? matcher.replaceAll("\uFFFD") : text;
    }

}
