package org.godshell.toaster.site.onrequest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The tests of pages on request over a fresh {@link CommitWiki} each, with the server's own bounds. */
abstract class ServedWikiTest {

    @TempDir
    Path temp;

    CommitWiki wiki;

    @BeforeEach
    void wiki() throws Exception {
        wiki = new CommitWiki(temp, PublishedPages.CACHE_BYTES, PublishedPages.AT_ONCE);
    }

    @AfterEach
    void close() throws Exception {
        wiki.close();
    }
}
