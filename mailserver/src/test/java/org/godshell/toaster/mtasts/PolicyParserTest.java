package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

    static Policy valid(String text) {
        return assertInstanceOf(PolicyParser.Parsed.Valid.class, PolicyParser.parse(text), text).policy();
    }

    static String invalid(String text) {
        return assertInstanceOf(PolicyParser.Parsed.Invalid.class, PolicyParser.parse(text), text).why();
    }

    @Test
    void theRfcExampleParses() {
        Policy policy = valid("version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\n"
                + "mx: backupmx.example.com\nmax_age: 604800\n");
        assertEquals(Mode.ENFORCE, policy.mode());
        assertEquals(List.of("mail.example.com", "*.example.net", "backupmx.example.com"), policy.mxPatterns());
        assertEquals(Duration.ofDays(7), policy.maxAge());
        assertEquals(6, policy.lines().size());
    }

    @Test
    void crlfSpacesUnknownKeysAndDuplicatesAreHandled() {
        Policy policy = valid("version:STSv1\r\nmode:\t testing \r\nmode: enforce\r\nmx: MX.Example.COM.\r\n"
                + "max_age: 0\r\nfuture_key: anything at all\r\n\r\n");
        assertEquals(Mode.TESTING, policy.mode(), "a repeated key keeps its first value");
        assertTrue(policy.allows("mx.example.com"));
        assertEquals(Duration.ZERO, policy.maxAge());
    }

    @Test
    void modeNoneNeedsNoMx() {
        assertEquals(Mode.NONE, valid("version: STSv1\nmode: none\nmax_age: 86400\n").mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "mode: enforce\nmx: a.example\nmax_age: 1\n",
        "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
        "version: STSv1\nmx: a.example\nmax_age: 1\n",
        "version: STSv1\nmode: ENFORCE\nmx: a.example\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: a.example\n",
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n",
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n",
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901\n",
        "version: STSv1\nmode: enforce\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: mx*.example\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: *.com\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n",
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nthis is not a field\n",
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n: no key\n",
        "version: STSv1\nmode: enforce\nmx: a.example\u0000\nmax_age: 1\n",
        "<html><body>Not found</body></html>"})
    void malformedPoliciesAreRefused(String text) {
        assertFalse(invalid(text).isEmpty());
    }

    @Test
    void oversizedAndNonUtf8BodiesAreRefused() {
        byte[] big = ("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx: " + "a".repeat(70_000) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertInstanceOf(PolicyParser.Parsed.Invalid.class, PolicyParser.parse(big)).why()
                .contains("larger"));
        byte[] latin1 = "version: STSv1\nmode: enforce\nmx: \u00e9.example\nmax_age: 1\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("not UTF-8", assertInstanceOf(PolicyParser.Parsed.Invalid.class, PolicyParser.parse(latin1))
                .why());
    }

    @Test
    void manyBlanksAndLongLinesDoNotBacktrack() {
        String text = "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx:" + " \t".repeat(30_000) + "y"
                + " ".repeat(3_000) + "\n";
        assertEquals(Mode.ENFORCE, valid(text).mode());
    }
}
