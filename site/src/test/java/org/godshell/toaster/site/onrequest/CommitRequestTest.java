package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only exactly {@code /_commit/} + 40 lowercase hex digits + {@code .html}, with no query, is a commit page. */
class CommitRequestTest {

    private static final String ID = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void exactlyTheAddressAndNothingElse() {
        assertEquals(Optional.of(ID), CommitRequest.id("/_commit/" + ID + ".html", null));
        for (String path : new String[] {null, "", "/", "/_commit/", "/_commit/" + ID, "/_commit/" + ID + ".htm",
                "/_commit/" + ID.toUpperCase() + ".html", "/_commit/" + ID.substring(1) + ".html",
                "/_commit/" + ID + "0.html", "/_commit/" + ID.substring(2) + "%30%31.html",
                "/_commit/" + ID.substring(0, 39) + "g.html", "/_commit/../" + ID + ".html",
                "/_commit/" + ID + ".html/", "//_commit/" + ID + ".html", "/_COMMIT/" + ID + ".html",
                "/_commit/" + ID + ".html\u0000", "/_commit/" + ID.substring(0, 38) + "\u0661\u0662.html",
                "/_commit/" + ID + ".html" + "x".repeat(100_000), "/a/_commit/" + ID + ".html"}) {
            assertTrue(CommitRequest.id(path, null).isEmpty(), String.valueOf(path));
        }
        for (String query : new String[] {"", "x=1", ID}) {
            assertTrue(CommitRequest.id("/_commit/" + ID + ".html", query).isEmpty(), query);
        }
    }
}
