package org.godshell.toaster.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7208 §7.4's own examples, then the syntax errors §7.1 makes permerror. */
class MacroTest {

    private static Macro.Context context(String ip) throws Exception {
        return new Macro.Context(InetAddress.getByName(ip), "strong-bad@email.example.com", "mx.example.org",
                "email.example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{h}|mx.example.org",
        "%{p}|unknown",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "a%%b%_c%-d|a%b c%20d",
        "%{S}|strong-bad%40email.example.com",
    })
    void rfcExamples(String macro, String expanded) throws Exception {
        assertEquals(expanded, Macro.expand(macro, context("192.0.2.3"), false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{ir}.%{v}._spf.%{d2}|1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
        "%{v}|ip6",
    })
    void ipv6(String macro, String expanded) throws Exception {
        assertEquals(expanded, Macro.expand(macro, context("2001:db8::cb01"), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%x", "%{", "%{s", "%{z}", "%{c}", "%{l0}", "%{1}", "%{s1x}", "%{}"})
    void syntaxErrorsArePermerror(String macro) {
        SpfError e = assertThrows(SpfError.class, () -> Macro.check(macro, false));
        assertEquals(SpfResult.PERMERROR, e.result());
    }

    @org.junit.jupiter.api.Test
    void longNamesLoseLabelsFromTheLeft() throws Exception {
        String label = "a".repeat(60);
        String name = Macro.domain(label + "." + label + "." + label + "." + label + "." + label + ".example",
                context("192.0.2.3"));
        assertEquals(label + "." + label + "." + label + "." + label + ".example", name);
    }
}
