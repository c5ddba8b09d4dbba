package org.godshell.toaster.site.tlsalpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a plain lowercase host name may name a validation file; everything else is no name. */
class SniNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.test", "mta-sts.example.test", "a.b", "xn--bcher-kva.example",
            "0.example.test", "a-1.b-2.c"})
    void hostNamesAreNames(String name) {
        assertEquals(Optional.of(name), SniName.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "../etc/passwd", "..", "a..b", ".example.test", "example.test.",
            "Mail.Example.Test", "MAIL.EXAMPLE.TEST", "mail.example.test/..", "mail/example.test", "a\\b.test",
            "mail.example.test\u0000", "mail.example.test\n", "-mail.example.test", "mail-.example.test",
            "mail_1.example.test", "mail.example.test:443", "*.example.test", " mail.example.test",
            "mäil.example.test", "mail.example.test%2f..", "mail.exam ple.test"})
    void anythingElseIsNoName(String name) {
        assertTrue(SniName.check(name).isEmpty(), name);
    }

    @Test
    void nullIsNoName() {
        assertTrue(SniName.check(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 300, 10_000})
    void overlongNamesAreNoNames(int length) {
        String name = ("a".repeat(61) + ".").repeat(length / 62 + 1).substring(0, length - 2) + ".b";
        assertTrue(SniName.check(name).isEmpty(), name.length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100})
    void overlongLabelsAreNoNames(int length) {
        assertTrue(SniName.check("a".repeat(length) + ".test").isEmpty());
    }
}
