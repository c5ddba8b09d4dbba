package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.site.shipped.DocsUpdate;
import org.godshell.toaster.site.shipped.ShippedDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's word on documentation an upgrade left unmerged, on real repositories. */
class WikiDocsCheckTest {

    private static final PersonIdent DOCS = new PersonIdent("Toaster Docs", "postmaster@example.test");

    @TempDir
    Path prefix;

    private DocsUpdate ship(String version, String home) throws Exception {
        Path content = Files.createDirectories(prefix.resolve("wiki-content"));
        Files.writeString(content.resolve("Home.md"), home);
        return ShippedDocs.follow(prefix.resolve("wiki/wiki.git"), content, version, DOCS);
    }

    private void editHome(String text) throws Exception {
        Path clone = prefix.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(prefix.resolve("wiki/wiki.git").toUri().toString())
                .setDirectory(clone.toFile()).call()) {
            Files.writeString(clone.resolve("Home.md"), text);
            git.commit().setAll(true).setMessage("edit").setAuthor("Ann", "ann@example.org")
                    .setCommitter("Ann", "ann@example.org").setSign(false).call();
            git.push().call();
        }
    }

    @Test
    void saysNothingWithoutAWikiOrWhenMainHoldsTheDocumentation() throws Exception {
        assertEquals(Optional.empty(), WikiDocsCheck.check(prefix));
        ship("0.1", "# Home\n");
        assertEquals(Optional.empty(), WikiDocsCheck.check(prefix));
    }

    @Test
    void warnsWhileAnUpgradesPagesWaitUnmerged() throws Exception {
        ship("0.1", "# Home\n\nfirst\n");
        editHome("# Home\n\nthe editors' first\n");
        ship("0.2", "# Home\n\n0.2's first\n");
        Finding finding = WikiDocsCheck.check(prefix).orElseThrow();
        assertEquals(Finding.Level.WARN, finding.level());
        assertTrue(finding.message().contains("does not hold the documentation for 0.2 yet"), finding.message());
        assertTrue(finding.message().contains("shipped-docs"), finding.message());
    }
}
