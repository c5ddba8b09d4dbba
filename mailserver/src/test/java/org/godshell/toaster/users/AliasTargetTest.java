package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Targets: full RFC 5321 addresses, narrowed to what a line can hold without doubt. */
class AliasTargetTest {

    @Test
    void keepsTheLocalPartAndLowersTheDomain() throws Exception {
        assertEquals("O'Brien+x@example.org", AliasTarget.parse("O'Brien+x@EXAMPLE.org").toString());
        assertEquals("a.b@xn--bcher-kva.example", AliasTarget.parse("a.b@xn--bcher-kva.example").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ann", "@d.test", "ann@", "a@b@c", "<ann@d.test>", "ann@d.test> SIZE=1",
        "ann@d.test\n", "ann\u0000@d.test", "a..b@d.test", ".a@d.test", "ann@[127.0.0.1]", "ann@d..test",
        "$(reboot)@d.test", "`id`@d.test", "ann@d.test,bob@d.test", "|cat", "/etc/passwd", ":include:/x"})
    void refused(String text) {
        UserStoreException e = assertThrows(UserStoreException.class, () -> AliasTarget.parse(text));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0000"), e.getMessage());
    }

    @Test
    void anOverlongTargetIsRefused() {
        assertThrows(UserStoreException.class, () -> AliasTarget.parse("a".repeat(65) + "@d.test"));
        assertThrows(UserStoreException.class, () -> AliasTarget.parse("a@" + "b.".repeat(200) + "test"));
    }

    @Test
    void loops() throws Exception {
        assertTrue(AliasTarget.loopsTo(AliasTarget.parse("Sales@D.test"), "sales", "d.test"));
        assertTrue(AliasTarget.loopsTo(AliasTarget.parse("sales+x@d.test"), "sales", "d.test"));
        assertFalse(AliasTarget.loopsTo(AliasTarget.parse("sales@e.test"), "sales", "d.test"));
        assertFalse(AliasTarget.loopsTo(AliasTarget.parse("salesx@d.test"), "sales", "d.test"));
    }
}
