package org.godshell.toaster.arc;

import static org.godshell.toaster.arc.Fixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A good two-hop chain changed after sealing: the body, a signed header field, an added From, and each field
 * of each set. The newest message signature catches a changed message (RFC 8617 §5.2 step 4); the newest seal
 * catches any change to the sets below it (step 6); a seal or message signature whose tags break the ARC rules
 * fails too.
 */
class TamperTest extends ZoneTest {

    private static String chain;

    @BeforeAll
    static void sealTwoHops() {
        chain = Fixture.text(Fixture.twoHops(verifier));
    }

    /** One character of the {@code b=} of the field that starts with {@code start}, changed. */
    private static UnaryOperator<String> flipB(String start) {
        return m -> change(m, start, field -> {
            int b = field.indexOf(" b=") + 10;
            char c = field.charAt(b);
            return field.substring(0, b) + (c == 'A' ? 'B' : 'A') + field.substring(b + 1);
        });
    }

    private static Arguments tampered(String name, UnaryOperator<String> damage, String what, String reason) {
        return Arguments.of(name, damage, what, reason);
    }

    static Stream<Arguments> tamperedChains() {
        String newestAms = "newest ARC-Message-Signature (i=2)";
        String seal2 = "ARC-Seal of instance 2";
        return Stream.of(
                tampered("the body", m -> m.replace("We lost", "We won"), newestAms, "body hash"),
                tampered("a line added to the body", m -> m + "P.S. click here\r\n", newestAms, "body hash"),
                tampered("the subject", m -> m.replace("Is dinner", "Is lunch"), newestAms, "did not verify"),
                tampered("a From added on top", m -> "From: Eve <eve@example.com>\r\n" + m, newestAms,
                        "did not verify"),
                tampered("the results of instance 1", m -> m.replace("i=1; mx.example.org;", "i=1; mx.example.com;"),
                        seal2, "did not verify"),
                tampered("the results of instance 2", m -> m.replace("spf=pass", "spf=fail"), seal2, "did not verify"),
                tampered("the message signature of instance 1", flipB("ARC-Message-Signature: i=1;"), seal2,
                        "did not verify"),
                tampered("the seal of instance 1", flipB("ARC-Seal: i=1;"), seal2, "did not verify"),
                tampered("the seal of instance 2", flipB("ARC-Seal: i=2;"), seal2, "did not verify"),
                tampered("the message signature of instance 2", flipB("ARC-Message-Signature: i=2;"), newestAms,
                        "did not verify"),
                tampered("a sealer that names another domain", m -> change(m, "ARC-Seal: i=2;",
                        f -> f.replace("d=lists.example.net", "d=example.org")), seal2, "does not exist"),
                tampered("a seal with h=", m -> m.replace("ARC-Seal: i=2; cv=pass;", "ARC-Seal: i=2; cv=pass; h=from;"),
                        seal2, "h="),
                tampered("a seal in rsa-sha1", m -> change(m, "ARC-Seal: i=2;", f -> f.replace("rsa-sha256", "rsa-sha1")),
                        seal2, "RFC 8301"),
                tampered("a message signature that signs ARC-Seal", m -> change(m, "ARC-Message-Signature: i=2;",
                        f -> f.replace("h=From:", "h=ARC-Seal:From:")), newestAms, "must not"),
                tampered("a message signature without From", m -> change(m, "ARC-Message-Signature: i=2;",
                        f -> f.replace("h=From:From:", "h=")), newestAms, "does not sign From"),
                tampered("a message signature with l=", m -> change(m, "ARC-Message-Signature: i=2;",
                        f -> f.replace("c=relaxed/relaxed;", "c=relaxed/relaxed; l=3;")), newestAms,
                        "did not verify"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedChains")
    void aChangeAfterSealingFailsTheChain(String name, UnaryOperator<String> damage, String what, String reason) {
        ChainVerdict verdict = verifier.verify(damage.apply(chain).getBytes(StandardCharsets.UTF_8));
        assertEquals(ChainResult.FAIL, verdict.result(), verdict.reason());
        assertTrue(verdict.reason().startsWith("the " + what + ": "), verdict.reason());
        assertTrue(verdict.reason().contains(reason), verdict.reason());
        assertEquals(2, verdict.instances());
    }
}
