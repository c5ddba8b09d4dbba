package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.junit.jupiter.api.Test;

/**
 * A view the composer takes over from the previous build is the view it would make: the same change at the same
 * depth linking to the same page; a retitled or deleted page, or an equal change that is another object, makes
 * a new one. Commit text loses its control characters.
 */
class ChangesTest {

    private static final Change EDIT = new Change("0123456789abcdef0123456789abcdef01234567", "Ann",
            Instant.parse("2026-12-07T10:00:00Z"), "Fix\u0007 the\ttypo", Change.Kind.EDITED, "guide/Setup.md",
            "guide/Setup.md");

    private static History history(Change change) {
        return new History("f".repeat(40), Map.of("guide/Setup.md", List.of(change)), List.of());
    }

    private static Map<String, Views.Link> titled(String title) {
        return Map.of("guide/Setup.md", new Views.Link(title, "guide/Setup.html"));
    }

    @Test
    void viewsAreTakenOverOnlyForTheSameChangeDepthAndPage() {
        Changes first = Changes.remembering(history(EDIT), titled("Setup"));
        Views.ChangeView atOne = first.view(EDIT, 1);
        Views.ChangeView atTwo = first.view(EDIT, 2);
        assertEquals(new Changes(history(EDIT), titled("Setup")).view(EDIT, 1), atOne);
        assertEquals("Fix\uFFFD the\uFFFDtypo", atOne.subject());
        assertEquals("../guide/Setup.html", atOne.pageUrl());
        assertEquals("../../guide/Setup.html", atTwo.pageUrl());
        first.remember();

        Changes second = Changes.remembering(history(EDIT), titled("Setup"));
        assertSame(atTwo, second.view(EDIT, 2));
        assertSame(atOne, second.view(EDIT, 1));
        assertEquals(new Changes(history(EDIT), titled("Setup")).view(EDIT, 3), second.view(EDIT, 3));
        second.remember();

        Changes retitled = Changes.remembering(history(EDIT), titled("Setting up"));
        Views.ChangeView renamed = retitled.view(EDIT, 1);
        assertNotSame(atOne, renamed);
        assertEquals("Setting up", renamed.pageTitle());
        retitled.remember();

        Changes deleted = Changes.remembering(history(EDIT), Map.of());
        assertNull(deleted.view(EDIT, 1).pageUrl(), "a deleted page's change links nowhere");
        assertEquals("guide/Setup.md", deleted.view(EDIT, 1).pageTitle());
        deleted.remember();

        Change equalButAnother = new Change(EDIT.commit(), EDIT.author(), EDIT.time(), EDIT.subject(), EDIT.kind(),
                EDIT.path(), EDIT.oldPath());
        Changes other = Changes.remembering(history(equalButAnother), titled("Setup"));
        Views.ChangeView made = other.view(equalButAnother, 1);
        assertEquals(atOne, made);
    }
}
