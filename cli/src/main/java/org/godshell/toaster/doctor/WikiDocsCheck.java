package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.site.shipped.ShippedDocs;

/**
 * Whether the wiki's {@code main} holds the documentation the installed version ships: an upgrade leaves it
 * unmerged when the wiki's editors changed the same pages, and says so once; the doctor says it every time
 * until someone merges it. Reads only.
 */
final class WikiDocsCheck {

    private WikiDocsCheck() {
    }

    /** A warning while shipped documentation waits; nothing when it is merged or there is no wiki. */
    static Optional<Finding> check(Path prefix) {
        Path bare = prefix.resolve("wiki/wiki.git");
        try {
            return ShippedDocs.waiting(bare).map(message -> Finding.warn("the wiki's main does not hold the "
                    + printable(message) + " yet: pages changed both in the wiki and in the new version wait on "
                    + "the branch " + ShippedDocs.BRANCH + "; toaster wiki init lists them, and the wiki's page "
                    + "Wiki, After an upgrade, says how to merge them"));
        } catch (IOException | RuntimeException e) {
            return Optional.of(Finding.warn("cannot read " + bare + ": " + e.getMessage()));
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    }
}
