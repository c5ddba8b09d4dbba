package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.key.KeyWriter;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.render.Rendered;
import org.junit.jupiter.api.Test;

/** The build index survives a round trip, and anything damaged, truncated or forged is refused. */
class IndexCodecTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static BuildIndex sample() {
        Change created = new Change(COMMIT, "Ann\tTab", Instant.ofEpochSecond(1_700_000_000, 5), "add\\ pages\n",
                Change.Kind.CREATED, "a b/Page.md", "a b/Page.md");
        History history = new History(COMMIT, Map.of("a b/Page.md", List.of(created)),
                List.of(new History.Commit(COMMIT, "Ann\tTab", created.time(), created.subject(), List.of(created))));
        Rendered rendered = new Rendered("<p>x\ty\r\nz\\</p>", List.of(new Rendered.Heading(2, "Head", "head")),
                "x y z", List.of("Other.md"), List.of("Missing"), Optional.empty(),
                Map.of("Other", "Other.md", "Missing", ""),
                List.of(new Rendered.HeadingLink("Other.md", "retry-schedule", "Other#Retry\tschedule")));
        return new BuildIndex("f".repeat(64), COMMIT, Map.of("a b/Page.html", "tabc", "_search/x.json", "bdef"),
                Map.of("a b/Page.md", new BuildIndex.CachedPage("blob1", rendered)), history,
                new SiteConfig("A\tsite", "https://wiki.example.org/", "https://wiki.example.org/wiki.git"),
                Map.of("a b/Page.md", new Views.Link("Page\twith a tab", "a b/Page.html")));
    }

    @Test
    void roundTrip() throws Exception {
        BuildIndex index = sample();
        BuildIndex back = IndexCodec.decode(IndexCodec.encode(index));
        assertEquals(index.fingerprint(), back.fingerprint());
        assertEquals(index.commit(), back.commit());
        assertEquals(index.keys(), back.keys());
        assertEquals(index.pages(), back.pages());
        assertEquals(index.history().commits(), back.history().commits());
        assertEquals(index.history().pages(), back.history().pages());
        assertEquals(index.site(), back.site());
        assertEquals(index.pagesNow(), back.pagesNow());
    }

    @Test
    void theServersReadingLeavesOutWhatOnlyABuildUses() throws Exception {
        BuildIndex index = sample();
        BuildIndex back = IndexCodec.decode(IndexCodec.encode(index), false);
        assertEquals(Map.of(), back.keys());
        assertEquals(Map.of(), back.pages());
        assertEquals(index.history().commits(), back.history().commits());
        assertEquals(index.history().pages(), back.history().pages());
        assertEquals(index.site(), back.site());
        assertEquals(index.pagesNow(), back.pagesNow());
    }

    @Test
    void linesOfAnEarlierEncodingGiveTheSameBytes() throws Exception {
        BuildIndex index = sample();
        IndexCodec.Encoded first = IndexCodec.encode(index, IndexCodec.Lines.none());
        IndexCodec.Encoded again = IndexCodec.encode(index, first.lines());
        assertArrayEquals(first.bytes(), again.bytes());
        assertArrayEquals(IndexCodec.encode(index), again.bytes());
        // the same rendering under another path, or from another blob, is written anew, not copied
        BuildIndex.CachedPage page = index.pages().get("a b/Page.md");
        for (BuildIndex.CachedPage moved : List.of(page, new BuildIndex.CachedPage("blob2", page.rendered()))) {
            BuildIndex other = new BuildIndex(index.fingerprint(), index.commit(), index.keys(),
                    Map.of("c/Renamed.md", moved), index.history(), index.site(), index.pagesNow());
            assertArrayEquals(IndexCodec.encode(other), IndexCodec.encode(other, first.lines()).bytes());
        }
    }

    @Test
    void theRememberedIndexIsRecalledOnlyForExactlyItsBytes() {
        BuildIndex index = sample();
        IndexCodec.Encoded encoded = IndexCodec.encode(index, IndexCodec.Lines.none());
        IndexMemory.remember(index, encoded);
        assertSame(index, IndexMemory.recall(encoded.bytes().clone()).orElseThrow());
        byte[] damaged = encoded.bytes().clone();
        damaged[damaged.length / 2] ^= 1;
        assertTrue(IndexMemory.recall(damaged).isEmpty());
        assertTrue(IndexMemory.recall(Arrays.copyOf(encoded.bytes(), encoded.bytes().length - 1)).isEmpty());
        assertTrue(IndexMemory.recall(new byte[0]).isEmpty());
    }

    @Test
    void damagedTruncatedAndEmptyAreRefused() {
        byte[] bytes = IndexCodec.encode(sample());
        for (int at : new int[] {0, 10, bytes.length / 2, bytes.length - 2}) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assertThrows(IndexCodec.IndexException.class, () -> IndexCodec.decode(damaged), "flip at " + at);
        }
        for (int length : new int[] {0, 1, bytes.length / 3, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(IndexCodec.IndexException.class, () -> IndexCodec.decode(cut), "cut at " + length);
        }
        assertThrows(IndexCodec.IndexException.class, () -> IndexCodec.decode(new byte[1 << 16]));
    }

    /** Well checksummed but malformed: what a buggy or hostile writer could leave. */
    @Test
    void malformedRecordsWithAValidChecksumAreRefused() {
        String head = "fingerprint\tx\ncommit\tc\nsite\tT\thttps://w.example/\thttps://w.example/wiki.git\n";
        for (String body : List.of("", "fingerprint\tx\n", "fingerprint\tx\ncommit\tc\n", head + "bogus\t1\n",
                head + "key\tonly-one-field\n",
                head + "key\ta\tb\textra\n",
                head + "h\tPage.md\t1\t7.0\n",
                head + "c\tid\tA\t1\t0\ts\t999999999\n",
                head + "c\tid\tA\tnot-a-number\t0\ts\t0\n",
                head + "c\tid\tA\t1\t0\ts\t1\tEXPLODED\tp\tp\n",
                head + "key\ta\\q\tb\n",
                head + "key\ta\\\tb\n",
                head + "name\tPage.md\tTitle\n",
                "fingerprint\tx\ncommit\tc\nsite\tT\tjavascript:alert(1)\tx\n",
                "fingerprint\tx\ncommit\tc\nsite\tT\n")) {
            byte[] forged = withChecksum(IndexCodec.MAGIC + "\n" + body);
            IndexCodec.IndexException e = assertThrows(IndexCodec.IndexException.class,
                    () -> IndexCodec.decode(forged), body);
            assertTrue(!e.getMessage().isEmpty());
        }
        byte[] otherVersion = withChecksum("toaster-wiki-index\t0\nfingerprint\tx\ncommit\tc\n");
        assertThrows(IndexCodec.IndexException.class, () -> IndexCodec.decode(otherVersion));
    }

    private static byte[] withChecksum(String body) {
        return (body + "end\t" + KeyWriter.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
