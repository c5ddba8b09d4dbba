package org.godshell.toaster.site.mailclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ann@example.org | ann | example.org",
        "Ann.Smith@Example.ORG | Ann.Smith | example.org",
        "a+tag@mail.example.net | a+tag | mail.example.net",
        "o'brien&co@example.org | o'brien&co | example.org",
        "x@a-b.example | x | a-b.example"})
    void aDotAtomAndADomainNameAreAnAddress(String text, String local, String domain) {
        EmailAddress address = EmailAddress.parse(text).orElseThrow();
        assertEquals(local, address.local());
        assertEquals(domain, address.domain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "ann", "ann@", "@example.org", "ann@@example.org", ".ann@example.org",
        "ann.@example.org", "a..b@example.org", "\"ann\"@example.org", "ann smith@example.org", "ann@example..org",
        "ann@example.org.", "ann@-example.org", "ann@example-.org", "ann@exa_mple.org", "ann@[192.0.2.1]",
        "ann(comment)@example.org", "ann@example.org\r\nSet-Cookie: x=y", "ann\r\n@example.org",
        "ann@exam\u0000ple.org",
        "<script>@example.org", "ann@ex\u00e4mple.org", "\u00e4nn@example.org", "ann@example.org>",
        "ann@example.org%0d%0a"})
    void anythingElseIsRefusedNotRepaired(String text) {
        assertEquals(Optional.empty(), EmailAddress.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 300, 100_000})
    void oversizedPartsAreRefused(int length) {
        assertEquals(Optional.empty(), EmailAddress.parse("a".repeat(length) + "@example.org"));
        assertEquals(Optional.empty(), EmailAddress.parse("ann@" + "a".repeat(length) + ".org"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "EXAMPLE.org"})
    void aDomainIsLowerCased(String domain) {
        assertEquals(Optional.of("example.org"), EmailAddress.domain(domain));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "example.org.", "a..b", "localhost:8080", "example.org\r\n", "*.example.org"})
    void aHostThatIsNoDomainIsRefused(String host) {
        assertEquals(Optional.empty(), EmailAddress.domain(host));
    }

    @org.junit.jupiter.api.Test
    void theLongestAddressesPassAndTheRecordRefusesWhatParseWould() {
        String longest = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57);
        assertEquals(250, longest.length());
        assertTrue(EmailAddress.parse(longest).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new EmailAddress("a b", "example.org"));
        assertThrows(IllegalArgumentException.class, () -> new EmailAddress("ann", "Example.org"));
    }
}
