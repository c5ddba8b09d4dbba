package org.godshell.toaster.site.stspolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The domain a server name asks the policy of: mta-sts.DOMAIN, strictly. */
class PolicyHostTest {

    @ParameterizedTest
    @CsvSource({"mta-sts.example.org, example.org", "MTA-STS.EXAMPLE.ORG, example.org",
        "mta-sts.example.org., example.org", "mta-sts.xn--mller-kva.example, xn--mller-kva.example",
        "mta-sts.a-b.c0.example, a-b.c0.example"})
    void aPolicyHostNamesItsDomain(String host, String domain) {
        assertEquals(Optional.of(domain), PolicyHost.domain(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mta-sts", "mta-sts.", "mta-sts..", "mta-sts.org", "example.org",
        "www.mta-sts.example.org", "mta-sts.example.org..", "mta-sts..example.org", "mta-sts.-a.example",
        "mta-sts.a-.example", "mta-sts.exämple.org", "mta-sts.example.org:443", "mta-sts.example.org/x",
        "mta-sts.example.org\u0000", "mta-sts.exa_mple.org", "mta-sts.example.org\r\nX: y", "mta-sts.*.example.org",
        "mta-sts.1.2.3.4 ", "mta-sts\u3002example.org"})
    void anythingElseNamesNoDomain(String host) {
        assertEquals(Optional.empty(), PolicyHost.domain(host));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 254, 100_000})
    void oversizedNamesAreRefused(int length) {
        String label = length == 64 ? "a".repeat(64) + ".example" : ("a".repeat(61) + ".").repeat(length / 62 + 1)
                + "org";
        assertEquals(Optional.empty(), PolicyHost.domain("mta-sts." + label));
    }

    @Test
    void nullIsNoDomain() {
        assertEquals(Optional.empty(), PolicyHost.domain(null));
    }
}
