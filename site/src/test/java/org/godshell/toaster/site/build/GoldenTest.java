package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.godshell.toaster.site.GoldenCases;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests, one small wiki per feature ({@code cases/README.md} says which shows what):
 * {@code cases/NAME/commits/NN/} are the whole tree of commit NN (committed in order with JGit, author "Author NN",
 * one day apart), {@code cases/NAME/expected/} the site built from the last commit (the static assets left out)
 * plus {@code report.txt} (warnings and broken links). Each case is built twice and must give the same bytes.
 *
 * <p>{@code -Dgolden.update=true} rewrites every case's {@code expected/} from what the build makes instead of
 * comparing (Surefire hands the property on to the test JVM):
 * {@code mvn -pl site -am test -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true};
 * then {@code git diff} shows what changed, to be read before it is committed.
 */
class GoldenTest {

    @TempDir
    Path temp;

    static List<String> cases() throws IOException {
        return GoldenCases.names();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void siteMatchesExpectations(String name) throws Exception {
        Path dir = GoldenCases.CASES.resolve(name);
        try (TestRepo repo = TestRepo.bare(temp.resolve(name + ".git"))) {
            GoldenCases.replay(dir, repo);
            // commit pages written, as a static export has them: the oracle of the pages served on request too
            BuildOptions options = BuildOptions.of(temp, "main", temp.resolve("out")).staticExport(true);
            SortedMap<String, byte[]> actual = build(repo, options);
            SortedMap<String, byte[]> again = build(repo, options);
            assertEquals(actual.keySet(), again.keySet(), "same commit, same files");
            actual.forEach((path, bytes) -> assertArrayEquals(bytes, again.get(path), "same bytes: " + path));
            compare(dir.resolve("expected"), actual);
        }
    }

    private static SortedMap<String, byte[]> build(TestRepo repo, BuildOptions options) throws IOException {
        List<Warning> warnings = new ArrayList<>();
        WikiBuilder.Composed composed = WikiBuilder.compose(repo.repository(), repo.head(), options, warnings);
        SortedMap<String, byte[]> files = new TreeMap<>(composed.site().files());
        files.keySet().removeIf(path -> path.startsWith("_assets/"));
        StringBuilder report = new StringBuilder();
        composed.warnings().forEach(warning -> report.append("warning ").append(warning).append('\n'));
        for (Views.Broken broken : composed.site().broken()) {
            report.append("broken ").append(broken.page().url()).append(" -> ").append(broken.target()).append('\n');
        }
        files.put("report.txt", report.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static void compare(Path expected, SortedMap<String, byte[]> actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            if (Files.exists(expected)) {
                StaleBuilds.deleteTree(expected);
            }
            for (var file : actual.entrySet()) {
                Path target = expected.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return;
        }
        if (!Files.isDirectory(expected)) {
            fail("no " + expected + "; run with -Dgolden.update=true to write it");
        }
        SortedMap<String, byte[]> wanted = new TreeMap<>();
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                wanted.put(expected.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        assertEquals(wanted.keySet(), actual.keySet(), "the files of the site");
        for (var file : wanted.entrySet()) {
            assertEquals(new String(file.getValue(), StandardCharsets.UTF_8),
                    new String(actual.get(file.getKey()), StandardCharsets.UTF_8),
                    () -> file.getKey() + " differs; -Dgolden.update=true rewrites it if the change is right");
        }
    }
}
