package org.godshell.toaster.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Record syntax (RFC 7208 §4.6, §12): what parses, and what makes the record a permerror. */
class SpfRecordTest {

    @Test
    void parsesMechanismsQualifiersAndModifiers() throws Exception {
        SpfRecord record = SpfRecord.parse("v=spf1 +a mx/24//64 -ip4:192.0.2.0/24 ~ip6:2001:db8::/32 "
                + "?include:_spf.example.com exists:%{i}.x.example ptr foo=bar redirect=other.example "
                + "exp=explain.%{d} -all");
        assertEquals(8, record.directives().size());
        assertEquals(new Mechanism.Mx(Optional.empty(), 24, 64), record.directives().get(1).mechanism());
        assertEquals(SpfResult.FAIL, record.directives().get(2).onMatch());
        assertEquals(SpfResult.SOFTFAIL, record.directives().get(3).onMatch());
        assertEquals(SpfResult.NEUTRAL, record.directives().get(4).onMatch());
        assertEquals(Optional.of("other.example"), record.redirect());
        assertEquals(Optional.of("explain.%{d}"), record.exp());
    }

    @Test
    void recognisesOnlyVersion1() {
        assertTrue(SpfRecord.isSpf("v=spf1"));
        assertTrue(SpfRecord.isSpf("V=SPF1 -all"));
        assertFalse(SpfRecord.isSpf("v=spf10 -all"));
        assertFalse(SpfRecord.isSpf("spf2.0/pra -all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 foo:bar -all", "v=spf1 ip4:300.1.1.1", "v=spf1 ip4:192.0.2.0/33", "v=spf1 ip4:192.0.2.0/024",
        "v=spf1 a/33", "v=spf1 mx//129", "v=spf1 ip6:192.0.2.1", "v=spf1 include", "v=spf1 include:",
        "v=spf1 include:localhost", "v=spf1 include:example.123", "v=spf1 exists:%{z}.example",
        "v=spf1 redirect=a.example redirect=b.example", "v=spf1 exp=a.example exp=b.example", "v=spf1 allx",
        "v=spf1 -all:foo", "v=spf1 ip4:1.2.3.4 a:%.example", "v=spf1 x=%{q}", "v=spf1 =all",
    })
    void malformedIsPermerror(String text) {
        assertEquals(SpfResult.PERMERROR, assertThrows(SpfError.class, () -> SpfRecord.parse(text)).result());
    }
}
