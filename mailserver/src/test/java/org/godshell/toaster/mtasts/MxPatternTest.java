package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MxPatternTest {

    @ParameterizedTest
    @CsvSource({
        "mail.example.com, mail.example.com, true",
        "mail.example.com, MAIL.Example.com., true",
        "mail.example.com, mail2.example.com, false",
        "*.example.com, mx1.example.com, true",
        "*.example.com, example.com, false",
        "*.example.com, a.b.example.com, false",
        "*.example.com, .example.com, false",
        "*.example.com, mx1.example.org, false"})
    void patternsMatchAsRfc8461Section41Says(String pattern, String host, boolean matches) {
        assertEquals(matches, new MxPattern(pattern).matches(host));
    }

    @ParameterizedTest
    @CsvSource({
        "*.example.com, mx.example.com, true",
        "*.example.com, *.example.com, false",
        "mx*.example.com, mx1.example.com, false",
        "*.*.example.com, a.b.example.com, false",
        "mx.example.com, mx.example.com., true"})
    void certificateNamesFollowTheSameRule(String name, String host, boolean matches) {
        assertEquals(matches, HostNames.matches(name, host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "*.", "com", "*.com", "a b.example", "-a.example", "a.example/x",
        "*.a*.example"})
    void malformedPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new MxPattern(pattern));
    }
}
