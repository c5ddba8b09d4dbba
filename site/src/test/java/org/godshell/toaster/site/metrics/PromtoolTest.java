package org.godshell.toaster.site.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.metrics.Promtool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki endpoint's real output, after a build, a save and requests, through Prometheus's own checker:
 * {@code promtool check metrics} (Debian's {@code prometheus} package) parses the exposition and lints names,
 * units, types and help. Skipped with the reason where promtool is missing, except under {@code CI=true}, where
 * it fails (as mailserver's PromtoolTest).
 */
class PromtoolTest {


    @TempDir
    Path root;

    @BeforeAll
    static void promtool() {
        Promtool.requireOrSkip();
    }

    @Test
    void theWikisOutputPassesPromtool() throws Exception {
        try (MetricsWiki wiki = new MetricsWiki(root.resolve("wiki"))) {
            wiki.pushes.buildNow();
            ObjectId main = wiki.repository.exactRef("refs/heads/main").getObjectId();
            wiki.pushes.saves().save(MetricsWiki.EDITOR, "127.0.0.1", Optional.of(ObjectId.zeroId()), main);
            wiki.get("/");
            wiki.get("/missing.html");
            wiki.get("/wiki.git/info/refs?service=git-receive-pack");
            String exposition = wiki.scrape();
            assertEquals(1, MetricsWiki.value(exposition, "toaster_wiki_saves_total{outcome=\"conflict\"}"));
            Promtool.check(root, exposition);
        }
    }

}
