package org.godshell.toaster.arc;

import static org.godshell.toaster.arc.Fixture.change;
import static org.godshell.toaster.arc.Fixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The structure of a chain (RFC 8617 §5.2 steps 1 to 3) against broken and hostile input, made from a good
 * two-hop chain: gaps, duplicates, missing fields, instances out of range, cv= out of place, unreadable
 * instances, oversized fields and too many of them; and the folding a relaxed reader forgives.
 */
class StructureTest extends ZoneTest {

    private static String chain;

    @BeforeAll
    static void sealTwoHops() {
        chain = Fixture.text(Fixture.twoHops(verifier));
    }

    private static ChainVerdict verify(String message) {
        return verifier.verify(message.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments broken(String name, UnaryOperator<String> damage, String reason) {
        return Arguments.of(name, damage, reason);
    }

    static Stream<Arguments> brokenChains() {
        String aar2 = "ARC-Authentication-Results: i=2;";
        return Stream.of(
                broken("a gap", m -> m.replace("i=1;", "i=3;"), "no ARC set of instance 1"),
                broken("the same instance twice", m -> m.replace("i=2;", "i=1;"), "two ARC-"),
                broken("a duplicate message signature", m -> field(m, "ARC-Message-Signature: i=1;") + m,
                        "two ARC-Message-Signature fields of instance 1"),
                broken("no results", m -> m.replace(field(m, aar2), ""), "instance 2 has no ARC-Authentication-Results"),
                broken("no seal", m -> m.replace(field(m, "ARC-Seal: i=1;"), ""), "instance 1 has no ARC-Seal"),
                broken("i=51", m -> m.replace("i=2;", "i=51;"), "i=51, outside the 1 to 50"),
                broken("i=0", m -> m.replace("i=1;", "i=0;"), "i=0, outside"),
                broken("i=-1", m -> m.replace("i=1;", "i=-1;"), "without a readable instance"),
                broken("i=1000", m -> m.replace("i=2;", "i=1000;"), "without a readable instance"),
                broken("cv=none above 1", m -> m.replace("i=2; cv=pass;", "i=2; cv=none;"),
                        "says cv=none where it must say cv=pass"),
                broken("cv=pass at 1", m -> m.replace("i=1; cv=none;", "i=1; cv=pass;"),
                        "says cv=pass where it must say cv=none"),
                broken("an unknown cv", m -> m.replace("i=1; cv=none;", "i=1; cv=maybe;"), "cv=(missing or unknown)"),
                broken("no cv", m -> m.replace("i=1; cv=none;", "i=1;"), "cv=(missing or unknown)"),
                broken("cv=fail on the newest seal", m -> m.replace("i=2; cv=pass;", "i=2; cv=fail;"),
                        "says cv=fail"),
                broken("results without an instance", m -> m.replace(aar2, "ARC-Authentication-Results:"),
                        "ARC-Authentication-Results without a readable instance"),
                broken("a comment before the instance", m -> m.replace(aar2, "ARC-Authentication-Results: (x) i=2;"),
                        "without a readable instance"),
                broken("a fold inside the number", m -> m.replace("ARC-Seal: i=2;", "ARC-Seal: i=2\r\n 0;"),
                        "ARC-Seal without a readable instance"),
                broken("a seal that is no tag-list", m -> m.replace("i=2; cv=pass;", "i=2; cv=pass;;"),
                        "no tag-list"),
                broken("a seal with a bare CR in it", m -> m.replace("i=2; cv=pass;", "i=2; cv=pass\r;"),
                        "unreadable message"),
                broken("a field name folded before its colon", m -> m.replace("ARC-Seal: i=2;", "ARC-Seal\r\n : i=2;"),
                        "unreadable message"),
                broken("huge results", m -> change(m, aar2, f -> f.replace("\r\n", "") + "\tx=" + "y".repeat(17_000)
                        + "\r\n"), "octets, over the 16384 accepted"),
                broken("151 ARC fields", m -> (aar2 + " mx; none\r\n").repeat(151) + m, "more than 150 ARC fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenChains")
    void aBrokenChainFails(String name, UnaryOperator<String> damage, String reason) {
        ChainVerdict verdict = verify(damage.apply(chain));
        assertEquals(ChainResult.FAIL, verdict.result(), verdict.reason());
        assertTrue(verdict.reason().contains(reason), verdict.reason());
        assertTrue(verdict.hops().isEmpty(), "a broken chain names nobody: " + verdict.hops());
    }

    static Stream<Arguments> forgivenForms() {
        return Stream.of(
                Arguments.of("names in lower case", (UnaryOperator<String>) m -> m.replace("ARC-Seal:", "arc-seal:")
                        .replace("ARC-Message-Signature:", "arc-message-signature:")
                        .replace("ARC-Authentication-Results:", "ARC-AUTHENTICATION-RESULTS:")),
                Arguments.of("a seal unfolded", (UnaryOperator<String>) m -> change(m, "ARC-Seal: i=2;",
                        f -> f.substring(0, f.length() - 2).replace("\r\n", "") + "\r\n")),
                Arguments.of("white space before the colon", (UnaryOperator<String>) m -> m.replace("ARC-Seal: i=2;",
                        "ARC-Seal \t: i=2;")),
                Arguments.of("the instance on a line of its own", (UnaryOperator<String>) m -> m
                        .replace("ARC-Seal: i=2; cv=pass;", "ARC-Seal:\r\n\ti=2;\r\n cv=pass;")
                        .replace("ARC-Authentication-Results: i=2;", "ARC-Authentication-Results:\r\n i=2;")),
                Arguments.of("the older set on top", (UnaryOperator<String>) m -> {
                    String one = field(m, "ARC-Seal: i=1;") + field(m, "ARC-Message-Signature: i=1;")
                            + field(m, "ARC-Authentication-Results: i=1;");
                    return one + m.replace(one, "");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgivenForms")
    void whatARelaxedReaderForgivesStillPasses(String name, UnaryOperator<String> change) {
        ChainVerdict verdict = verify(change.apply(chain));
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
        assertEquals(2, verdict.instances());
    }

    @Test
    void fiftyGarbageSetsCostOneKeyLookup() {
        StringBuilder garbage = new StringBuilder();
        for (int i = 1; i <= Instance.MAX; i++) {
            garbage.append("ARC-Seal: i=").append(i).append("; cv=").append(i == 1 ? "none" : "pass")
                    .append("; a=rsa-sha256; d=example.org; s=nowhere").append(i).append("; b=AAAA\r\n")
                    .append("ARC-Message-Signature: i=").append(i).append("; a=rsa-sha256; d=example.org; s=x; ")
                    .append("h=from; bh=AAAA; b=AAAA\r\nARC-Authentication-Results: i=").append(i).append("; x; none\r\n");
        }
        int before = dns.queries();
        ChainVerdict verdict = verify(garbage + Fixture.text(Fixture.crlf(Fixture.MESSAGE)));
        assertEquals(ChainResult.FAIL, verdict.result());
        assertEquals(50, verdict.instances());
        assertTrue(verdict.reason().contains("newest ARC-Message-Signature"), verdict.reason());
        assertEquals(1, dns.queries() - before, "one key asked for, the newest AMS's, before it failed");
    }
}
