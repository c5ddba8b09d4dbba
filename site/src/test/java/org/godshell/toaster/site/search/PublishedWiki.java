package org.godshell.toaster.site.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;

/** The real wiki-content (system property wiki.content), committed and built as the server publishes it. */
final class PublishedWiki {

    private PublishedWiki() {
    }

    /** Builds the site at {@code dir}/site (a symlink to the build) and returns that path. */
    static Path build(Path dir) throws IOException {
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        try (TestRepo repo = TestRepo.bare(dir.resolve("wiki.git"))) {
            repo.commitFolder(content, "wiki-content as committed", "Toaster Docs", TestRepo.EPOCH);
        }
        Path site = dir.resolve("site");
        WikiBuilder.build(BuildOptions.of(dir.resolve("wiki.git"), "main", site));
        return site;
    }

    static WikiIndex index(Path dir) throws IOException {
        return WikiIndex.build(DocumentsFile.read(Files.readAllBytes(build(dir).resolve(DocumentsFile.PATH))));
    }
}
