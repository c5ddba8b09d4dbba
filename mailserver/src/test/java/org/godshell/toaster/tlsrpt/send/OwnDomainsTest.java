package org.godshell.toaster.tlsrpt.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which domains are ours and get no report. */
class OwnDomainsTest {

    private static final OwnDomains OURS = new OwnDomains("mx.example.com", List.of("example.com", ".example.org"),
            List.of("Example.NET"));

    @ParameterizedTest
    @CsvSource({
        "mx.example.com, true",
        "MX.Example.Com., true",
        "example.com, true",
        "sub.example.com, false",
        "example.net, true",
        "a.b.example.org, true",
        "example.org, false",
        "notexample.org, false",
        "example.edu, false",
    })
    void ours(String domain, boolean expected) {
        assertEquals(expected, OURS.test(domain));
    }
}
