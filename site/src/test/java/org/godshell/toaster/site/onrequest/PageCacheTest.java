package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache's bound in bytes, its order of eviction, and what a new build drops. */
class PageCacheTest {

    private static PageCache.Page page(int bytes) {
        return new PageCache.Page(new byte[bytes], "t" + bytes);
    }

    @Test
    void manyPagesStayWithinTheBytesLeastRecentlyUsedFirstOut() {
        PageCache cache = new PageCache(10_000);
        for (int i = 0; i < 10_000; i++) {
            cache.put("b1", "%040x".formatted(i), page(100 + i % 900));
            assertTrue(cache.bytes() <= 10_000);
        }
        assertTrue(cache.size() < 100, "only what fits: " + cache.size());
        PageCache small = new PageCache(1_000);
        small.put("b", "a", page(200));
        small.put("b", "b", page(200));
        small.get("b", "a");                                            // a is now the most recently used
        small.put("b", "c", page(200));
        small.put("b", "d", page(200));
        small.put("b", "e", page(200));
        small.put("b", "f", page(200));
        assertTrue(small.get("b", "a").isPresent());
        assertTrue(small.get("b", "b").isEmpty(), "the least recently used went first");
        assertEquals(1_000, small.bytes());
    }

    @Test
    void aPageOverAQuarterOfTheBoundIsNotKept() {
        PageCache cache = new PageCache(1_000);
        cache.put("b", "small", page(250));
        cache.put("b", "huge", page(251));
        assertTrue(cache.get("b", "huge").isEmpty());
        assertEquals(250, cache.bytes());
    }

    @Test
    void theSameCommitOfAnotherBuildIsAnotherPageAndKeepOnlyDropsTheOld() {
        PageCache cache = new PageCache(10_000);
        cache.put("old", "c", page(100));
        assertTrue(cache.get("new", "c").isEmpty());
        cache.put("new", "c", page(300));
        cache.put("new", "c", page(200));
        assertEquals(300, cache.bytes(), "a page put again replaces itself");
        cache.keepOnly("new");
        assertEquals(1, cache.size());
        assertEquals(200, cache.bytes());
    }
}
