package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.godshell.toaster.site.key.KeyWriter;
import org.junit.jupiter.api.Test;

/** A digest taken over from the previous build is the digest computed anew; other HTML gets its own. */
class HtmlDigestsTest {

    @Test
    void takenOverDigestsAreTheDigestsOfTheSameHtml() {
        String html = "<p>one \ud800 page</p>";
        HtmlDigests first = HtmlDigests.start();
        String digest = first.of(html);
        assertEquals(new KeyWriter().string(html).sha256(), digest);
        first.finish();
        HtmlDigests second = HtmlDigests.start();
        assertEquals(digest, second.of(html), "the same string object");
        assertEquals(digest, second.of(new String(html)), "an equal string, hashed again");
        assertNotEquals(digest, second.of(html + " "));
        second.finish();
    }
}
