package org.godshell.toaster.site.shipped;

import static org.godshell.toaster.site.shipped.WikiRepo.DOCS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push that lands between the merge and the move of main: merged again on top of it, never overwritten. */
class ConcurrentPushTest {

    @TempDir
    Path dir;

    private Path bare() {
        return dir.resolve("wiki.git");
    }

    /** 0.1 installed with Home.md, then 0.2's Home.md recorded on the shipped branch; returns its tip. */
    private ObjectId shippedTwo() throws IOException {
        ShippedDocs.follow(bare(), WikiRepo.folder(dir.resolve("c"), Map.of("Home.md", "# Home\n")), "0.1", DOCS);
        WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", "# Home\n", "Ann.md", "# Ann\n")));
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            ObjectId one = repository.exactRef(ShippedDocs.REF).getObjectId();
            ObjectId two = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md", "# Home for 0.2\n")),
                    List.of(one), ShippedDocs.message("0.2"));
            Refs.move(repository, ShippedDocs.REF, one, two, DOCS, "0.2");
            return two;
        }
    }

    @Test
    void aPushBeforeTheMoveIsMergedWithNotOverwritten() throws Exception {
        ObjectId shipped = shippedTwo();
        AtomicInteger pushes = new AtomicInteger();
        ObjectId[] pushed = new ObjectId[1];
        DocsUpdate update;
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            update = new MainUpdate(repository, "0.2", DOCS, () -> {
                if (pushes.getAndIncrement() == 0) {
                    pushed[0] = WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", "# Home\n",
                            "Ann.md", "# Ann\n", "Bob.md", "# Bob\n")));
                }
            }).bring(shipped);
        }
        assertInstanceOf(DocsUpdate.Merged.class, update);
        assertEquals(2, pushes.get(), "merged a second time, on top of the push");
        RevCommit merge = WikiRepo.commit(bare(), update.main());
        assertEquals(pushed[0], merge.getParent(0).getId());
        assertEquals(Map.of("Home.md", "# Home for 0.2\n", "Ann.md", "# Ann\n", "Bob.md", "# Bob\n"),
                WikiRepo.files(bare(), WikiRepo.ref(bare(), ShippedDocs.MAIN).orElseThrow()));
    }

    @Test
    void aWikiThatNeverStopsMovingIsLeftAloneWithAReason() throws Exception {
        ObjectId shipped = shippedTwo();
        AtomicInteger pushes = new AtomicInteger();
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            IOException e = assertThrows(IOException.class, () -> new MainUpdate(repository, "0.2", DOCS,
                    () -> WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", "# Home\n", "Ann.md",
                            "# Ann " + pushes.incrementAndGet() + "\n")))).bring(shipped));
            assertTrue(e.getMessage().contains("main moved 5 times"), e.getMessage());
        }
        assertEquals(Map.of("Home.md", "# Home\n", "Ann.md", "# Ann 5\n"),
                WikiRepo.files(bare(), WikiRepo.ref(bare(), ShippedDocs.MAIN).orElseThrow()), "the last push stays");
    }
}
