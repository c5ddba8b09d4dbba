package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;
import org.junit.jupiter.api.Test;

/**
 * A page taken over from the previous build is the page loading would give, with the same warnings; another
 * blob, another path, or the same blob over another size limit is loaded again.
 */
class PageMemoryTest {

    private static SourceFile file(String path, String text, boolean read) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ObjectId blob = ObjectId.fromRaw(Constants.newMessageDigest().digest(bytes));
        return new SourceFile(path, blob, bytes.length, read ? Optional.of(bytes) : Optional.empty());
    }

    private static final String BAD_FRONT = "---\ntitle: [unclosed\n---\n# Setup\n\nText.\n";

    @Test
    void samePathAndBlobTakeThePageAndItsWarningsOver() {
        SourceFile setup = file("guide/Setup.md", BAD_FRONT, true);
        List<Warning> expected = new ArrayList<>();
        Page fresh = PageLoader.load(setup, expected);
        assertTrue(!expected.isEmpty(), "the sample has a front matter warning");

        PageMemory first = new PageMemory();
        List<Warning> warnings = new ArrayList<>();
        Page page = first.load(setup, warnings);
        assertEquals(fresh, page);
        assertEquals(expected, warnings);
        first.remember();

        PageMemory second = new PageMemory();
        List<Warning> again = new ArrayList<>();
        assertSame(page, second.load(file("guide/Setup.md", BAD_FRONT, true), again));
        assertEquals(expected, again, "the warnings are given again");
        Page edited = second.load(file("guide/Other.md", BAD_FRONT, true), new ArrayList<>());
        assertNotSame(page, edited);
        assertEquals("guide/Other.md", edited.path());
        second.remember();

        PageMemory third = new PageMemory();
        Page changed = third.load(file("guide/Setup.md", "# Setup\n\nChanged.\n", true), new ArrayList<>());
        assertEquals(Optional.of("# Setup\n\nChanged.\n"), changed.body());
        Page overLimit = third.load(file("guide/Other.md", BAD_FRONT, false), new ArrayList<>());
        assertTrue(overLimit.notice().isPresent(), "the same blob unread is a notice, not the page read before");
        assertEquals(Optional.empty(), overLimit.body());
    }
}
