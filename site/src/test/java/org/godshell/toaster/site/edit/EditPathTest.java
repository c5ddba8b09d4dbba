package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.godshell.toaster.site.git.PushLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EditPathTest {

    private static final PushLimits LIMITS = new PushLimits(1 << 20, 1 << 20, 4, 64, 1 << 20, 1 << 20);

    @ParameterizedTest
    @ValueSource(strings = {"Queue.md", "guide/Install.md", "Plugin%3A%20rbl.md", "a/b/c/d.md", "%C3%BCber.md"})
    void pagesAPushCouldBringAreAccepted(String url) {
        assertInstanceOf(EditPath.Valid.class, EditPath.ofUrl(url, LIMITS), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Queue", "Queue.txt", "../Home.md", "..%2FHome.md", "a/../b.md", "a/./b.md",
        "/abs.md", "a//b.md", "a%5Cb.md", "a%00.md", "a%0A.md", "a%1B.md", ".git/x.md", "x/.GIT/y.md",
        "CON.md", "nul.md", "trailing./x.md", "_contents.md", "index.md", "templates/page.md", "a/b/c/d/e.md",
        "%FF.md", "%C0%AE%C0%AE/x.md", "%ZZ.md", "a%", "x.md%00.png"})
    void everythingElseIsRefused(String url) {
        assertInstanceOf(EditPath.Invalid.class, EditPath.ofUrl(url, LIMITS), url);
    }

    @Test
    void aLongPathIsRefused() {
        assertInstanceOf(EditPath.Invalid.class, EditPath.of("a".repeat(62) + ".md", LIMITS));
    }

    @Test
    void urlsOfAPage() {
        EditPath path = ((EditPath.Valid) EditPath.of("guide/Two words.md", LIMITS)).path();
        assertEquals("guide/Two words.html", path.url());
        assertEquals("_edit/guide/Two%20words.md", path.editorUrl());
        assertEquals("../../", path.root());
        assertEquals("index.html", ((EditPath.Valid) EditPath.of("Home.md", LIMITS)).path().url());
    }
}
