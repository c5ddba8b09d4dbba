package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that become directories: what passes, how it is normalised, and every hostile form refused. */
class AddressTest {

    @ParameterizedTest
    @CsvSource({
        "ann@example.com, ann, example.com",
        "Ann@Example.COM, ann, example.com",
        "a.b+tag_x-y@mail.example.org, a.b+tag_x-y, mail.example.org",
        "x@localhost, x, localhost",
    })
    void accepted(String text, String local, String domain) throws Exception {
        assertEquals(new Address(local, domain), Address.parse(text).orElseThrow());
        assertEquals(new Address(local, domain), Address.require(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x@d.test", "a@..", "a/b@d.test", "a@d/../x", ".a@d.test", "a.@d.test", "a..b@d.test",
        "a\u0000@d.test", "a\n@d.test", "a@d.test\n", "a:b@d.test", "@d.test", "a@", "a", "a@-d.test", "a@d..test",
        "a@.d.test", "\u212Aate@d.test", "a@d\u00e9.test", "a b@d.test", "a@d.test."})
    void refused(String text) {
        assertTrue(Address.parse(text).isEmpty(), text);
        assertThrows(UserStoreException.class, () -> Address.require(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void localPartLength(int length) {
        String text = "a".repeat(length) + "@d.test";
        assertEquals(length <= Address.MAX_LOCAL, Address.parse(text).isPresent());
    }

    @org.junit.jupiter.api.Test
    void hugeAndNullInputAreEmptyNotErrors() {
        assertTrue(Address.parse(null).isEmpty());
        assertTrue(Address.parse("a".repeat(1_000_000) + "@d.test").isEmpty());
    }
}
