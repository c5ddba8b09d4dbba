package org.godshell.toaster.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden cases under {@code src/test/resources/cases/NAME/}: {@code commits/NN/} folders, each a tree to
 * commit in order, and {@code expected/}, what a build of the last commit makes.
 */
public final class GoldenCases {

    public static final Path CASES = Path.of("src/test/resources/cases");

    private GoldenCases() {
    }

    /** Every case's name, sorted. */
    public static List<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    /** Commits the case's folders into {@code repo} in order, one a day from {@link TestRepo#EPOCH}. */
    public static void replay(Path caseDir, TestRepo repo) throws Exception {
        List<Path> commits;
        try (Stream<Path> list = Files.list(caseDir.resolve("commits"))) {
            commits = list.sorted().toList();
        }
        for (int i = 0; i < commits.size(); i++) {
            String number = commits.get(i).getFileName().toString();
            repo.commitFolder(commits.get(i), "commit " + number, "Author " + number,
                    TestRepo.EPOCH.plus(Duration.ofDays(i)));
        }
    }
}
