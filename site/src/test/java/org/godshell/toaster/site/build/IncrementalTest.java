package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.TestRepo.Entry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental builds give the bytes a full build gives: a series of commits (body edits, new pages that turn red
 * links blue, renames, title changes, deletions, attachments, a commit that changes no page) is built
 * incrementally into one site and in full into another, and after each commit the two trees are equal. The
 * work done is checked too: a body-only edit renders one page.
 */
class IncrementalTest {

    @TempDir
    Path temp;

    private TestRepo repo;
    private final List<Entry> tree = new ArrayList<>();
    private int day;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.bare(temp.resolve("wiki.git"));
        put("Home.md", "# Home\n\nSee [[Alpha]], [[Beta]] and [[guide/Gamma]].\n");
        put("Alpha.md", "---\ntags: [intro]\n---\n# Alpha\n\nAlpha links [[Beta]] and [[Delta Page]].\n");
        put("Beta.md", "# Beta\n\nBeta text. Back to [[Alpha]].\n");
        put("guide/Gamma.md", "---\norder: 1\n---\n# Gamma\n\nIn the guide; see [[Beta#Section]].\n");
        put("guide/Epsilon.md", "# Epsilon\n\nA page nobody links to.\n");
        commit("initial");
    }

    @Test
    void everyStepMatchesAFullBuild() throws Exception {
        BuildReport first = step();
        assertTrue(first.mode().startsWith("full"), first.mode());
        assertTrue(first.broken().stream().anyMatch(b -> b.target().equals("Beta#Section")),
                () -> "Beta has no heading 'Section' yet: " + first.broken());

        put("Beta.md", "# Beta\n\nBeta text, edited. Back to [[Alpha]].\n\n## Section\n\nMore.\n");
        BuildReport edit = step();
        assertTrue(edit.mode().startsWith("incremental"), edit.mode());
        assertEquals(1, edit.rendered(), "a body-only edit renders one page");
        assertTrue(edit.broken().stream().noneMatch(b -> b.target().equals("Beta#Section")),
                () -> "Beta's new heading mends Gamma's link without rendering Gamma: " + edit.broken());
        assertTrue(edit.kept() > edit.written(), "most files are kept: " + edit);

        put("Delta-Page.md", "# Delta Page\n\nNew; Alpha's red link turns blue.\n");
        BuildReport added = step();
        assertEquals(2, added.rendered(), "the new page and Alpha, whose link now resolves");

        remove("Beta.md");
        put("guide/Beta.md", "# Beta\n\nBeta text, edited. Back to [[Alpha]].\n\n## Section\n\nMore.\n");
        step();

        put("guide/Epsilon.md", "---\ntitle: Epsilon Renamed\norder: 0\n---\n# Epsilon\n\nNow first.\n");
        step();

        remove("Delta-Page.md");
        step();

        tree.add(Entry.bytes("guide/notes.txt", "plain notes\n".getBytes(StandardCharsets.UTF_8)));
        step();

        BuildReport same = step();
        assertEquals(0, same.rendered(), "a commit that changes no page renders none");

        put("Home.md", "# Home\n\nSee [[Alpha]].\n");
        remove("Alpha.md");
        put("Alpha2.md", "---\ntitle: Alpha\naliases: [First]\n---\n# Alpha\n\nMoved. [[First]]\n");
        step();
    }

    @Test
    void renamesLeaveRedirectsAndDeletedPagesKeepTheirHistory() throws Exception {
        step();
        move("Beta.md", "Beta-Two.md");
        step();
        assertTrue(read("Beta.html").contains("url=Beta-Two.html"), read("Beta.html"));
        move("Beta-Two.md", "guide/Beta-Three.md");
        step();
        assertTrue(read("Beta.html").contains("url=guide/Beta-Three.html"), "a chain leads to the last name");
        assertTrue(read("Beta-Two.html").contains("url=guide/Beta-Three.html"), read("Beta-Two.html"));
        move("guide/Beta-Three.md", "Beta.md");
        step();
        assertTrue(read("Beta.html").contains("Beta text."), "the page is back under its first name");
        assertTrue(read("guide/Beta-Three.html").contains("url=../Beta.html"), "a cycle ends at the page");
        put("Beta-Two.md", "# Beta Two\n\nA new page under a former name.\n");
        step();
        assertTrue(read("Beta-Two.html").contains("A new page under a former name."), "the new page wins");
        remove("guide/Epsilon.md");
        BuildReport deleted = step();
        assertTrue(read("_history/guide/Epsilon.html").contains("(deleted)"), "the history page stays");
        assertTrue(deleted.broken().isEmpty() || deleted.broken().stream()
                .noneMatch(b -> b.path().contains("Epsilon")), () -> "no link report entry: " + deleted.broken());
    }

    @Test
    void aDamagedIndexOrPreviousBuildMeansAFullBuildWithTheSameBytes() throws Exception {
        step();
        Path index = SiteSwap.indexOf(temp.resolve("inc").toRealPath());
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        put("Beta.md", "# Beta\n\nChanged.\n");
        BuildReport damaged = step();
        assertTrue(damaged.mode().startsWith("full: the build index is unusable"), damaged.mode());

        Files.write(SiteSwap.indexOf(temp.resolve("inc").toRealPath()), new byte[0]);
        put("Beta.md", "# Beta\n\nChanged again.\n");
        assertTrue(step().mode().startsWith("full"));

        put("Beta.md", "# Beta\n\nAnd again.\n");
        step();
        Files.delete(temp.resolve("inc").toRealPath().resolve("Alpha.html"));
        put("Beta.md", "# Beta\n\nOnce more.\n");
        BuildReport repaired = step();
        assertTrue(repaired.mode().startsWith("full: the previous build is damaged"), repaired.mode());
    }

    @Test
    void aRewrittenHistoryMatchesAFullBuild() throws Exception {
        step();
        ObjectId base = repo.head();
        put("Beta.md", "# Beta\n\nOn a branch that will be dropped.\n");
        step();
        // A force-push: the next commit's parent is the base, not the commit just built.
        repo.resetHead(base);
        put("Beta.md", "# Beta\n\nThe history as rewritten.\n");
        BuildReport rewritten = step();
        assertTrue(rewritten.mode().startsWith("incremental"), rewritten.mode());
    }

    @Test
    void incrementalBuildsInARowInOneProcessWriteTheIndexAFullEncodingWrites() throws Exception {
        step();
        for (int edit = 1; edit <= 3; edit++) {
            put("Beta.md", "# Beta\n\nEdit " + edit + " in a row. Back to [[Alpha]].\n");
            commit("edit " + edit);
            // one build after the other on the same site, as the wiki server builds at each push
            BuildReport report = WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main",
                    temp.resolve("inc")));
            assertTrue(report.mode().startsWith("incremental"), report.mode());
            byte[] written = Files.readAllBytes(SiteSwap.indexOf(temp.resolve("inc").toRealPath()));
            assertArrayEquals(IndexCodec.encode(IndexCodec.decode(written)), written,
                    "lines copied from the previous encoding are the lines a fresh encoding writes");
        }
        put("Alpha.md", "# Alpha\n\nAlpha, edited last.\n");
        step();
    }

    @Test
    void fullForcesAFullBuild() throws Exception {
        step();
        BuildReport full = WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", temp.resolve("inc"))
                .full(true));
        assertEquals("full: --full", full.mode());
        assertEquals(full.pages(), full.rendered());
        assertEquals(0, full.kept());
    }

    private BuildReport step() throws IOException {
        commit("step");
        // commit pages written too: what an incremental build keeps of them is compared as well
        BuildReport incremental = WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main",
                temp.resolve("inc")).staticExport(true));
        BuildReport full = WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", temp.resolve("full"))
                .full(true).staticExport(true));
        SortedMap<String, byte[]> expected = files(temp.resolve("full").toRealPath());
        SortedMap<String, byte[]> actual = files(temp.resolve("inc").toRealPath());
        assertEquals(expected.keySet(), actual.keySet(), "the same files");
        expected.forEach((path, content) -> assertArrayEquals(content, actual.get(path), "the same bytes: " + path));
        assertEquals(full.warnings(), incremental.warnings());
        assertEquals(full.broken(), incremental.broken());
        assertEquals(expected.size(), incremental.files());
        return incremental;
    }

    private static SortedMap<String, byte[]> files(Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private void put(String path, String text) {
        remove(path);
        tree.add(Entry.file(path, text));
    }

    private void move(String from, String to) {
        Entry moved = tree.stream().filter(e -> new String(e.path(), StandardCharsets.UTF_8).equals(from))
                .findFirst().orElseThrow();
        remove(from);
        tree.add(Entry.bytes(to, moved.content()));
    }

    private String read(String path) throws IOException {
        return Files.readString(temp.resolve("inc").toRealPath().resolve(path));
    }

    private void remove(String path) {
        tree.removeIf(entry -> new String(entry.path(), StandardCharsets.UTF_8).equals(path));
    }

    private void commit(String message) throws IOException {
        repo.commit(message + " " + day, "Author " + (day % 3), TestRepo.EPOCH.plus(Duration.ofHours(day)),
                List.copyOf(tree));
        day++;
    }
}
