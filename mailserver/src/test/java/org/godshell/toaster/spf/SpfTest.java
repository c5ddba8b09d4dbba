package org.godshell.toaster.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code check_host()} against a fixture nameserver on loopback: a table of policies in the style of the
 * RFC 7208 test suite (CIDR, a, mx, include chains, redirect, exists with macros, the limits, DNS failures,
 * record selection), never the Internet.
 */
class SpfTest {

    private static FixtureDns fixture;
    private static Spf spf;

    @BeforeAll
    static void zone() throws Exception {
        fixture = new FixtureDns()
                .txt("ip4.test.", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("ip6.test.", "v=spf1 ip6:2001:db8::/32 ~all")
                .txt("a.test.", "v=spf1 a a:other.a.test/24 a:v6.a.test//64 -all")
                .a("a.test.", "198.51.100.10").a("other.a.test.", "203.0.113.1").aaaa("v6.a.test.", "2001:db8:1:2::1")
                .txt("mx.test.", "v=spf1 mx mx:backup.test/30 -all")
                .mx("mx.test.", "mail1.mx.test.", "mail2.mx.test.")
                .a("mail1.mx.test.", "192.0.2.1").a("mail2.mx.test.", "192.0.2.2").aaaa("mail2.mx.test.", "2001:db8::25")
                .mx("backup.test.", "backup.mx.test.").a("backup.mx.test.", "198.51.100.64")
                .txt("inc.test.", "v=spf1 include:ip4.test include:soft.test ?all")
                .txt("soft.test.", "v=spf1 ip4:203.0.113.0/24 ~all")
                .txt("incnone.test.", "v=spf1 include:nothing.test -all")
                .txt("incperm.test.", "v=spf1 include:bad.test -all")
                .txt("bad.test.", "v=spf1 ip4:999.1.1.1 -all")
                .txt("red.test.", "v=spf1 ip4:203.0.113.5 redirect=ip4.test")
                .txt("rednone.test.", "v=spf1 redirect=nothing.test")
                .txt("ex.test.", "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all")
                .a("3.2.0.192.foo._spf.ex.test.", "127.0.0.2")
                .txt("terms.test.", "v=spf1 a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test "
                        + "a:h.test a:h.test a:h.test a:h.test -all")
                .txt("ten.test.", "v=spf1 a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test "
                        + "a:h.test a:h.test a:h.test -all")
                .a("h.test.", "203.0.113.99")
                .txt("loop.test.", "v=spf1 include:loop.test -all")
                .txt("void.test.", "v=spf1 a:nx1.test a:nx2.test a:nx3.test ?all")
                .txt("void2.test.", "v=spf1 a:nx1.test a:nx2.test ?all")
                .txt("manymx.test.", "v=spf1 mx -all")
                .mx("manymx.test.", "m1.test.", "m2.test.", "m3.test.", "m4.test.", "m5.test.", "m6.test.", "m7.test.",
                        "m8.test.", "m9.test.", "m10.test.", "m11.test.")
                .txt("two.test.", "v=spf1 -all").txt("two.test.", "v=spf1 +all")
                .txt("other.test.", "google-site-verification=abc").txt("other.test.", "v=spf10 +all")
                .txt("split.test.", "v=spf1 ip4:192.0.2.0/24", " -all")
                .txt("upper.test.", "V=SPF1 IP4:192.0.2.0/24 -ALL")
                .txt("ptr.test.", "v=spf1 ptr -all")
                .txt("mod.test.", "v=spf1 foo=bar exp=why.%{d} ip4:192.0.2.7 -all")
                .txt("empty.test.", "v=spf1")
                .txt("broken.test.", "v=spf1 moo -all")
                .txt("timeout.test.", "v=spf1 a:slow.test -all")
                .txt("servfail.test.", "v=spf1 include:fail.test -all")
                .silent("slow.test.").servfail("fail.test.").silent("silent.test.");
        spf = new Spf(fixture.dns(), Duration.ofMillis(800));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource({
        "192.0.2.7, u@ip4.test, pass",
        "198.51.100.1, u@ip4.test, fail",
        "2001:db8::1, u@ip6.test, pass",
        "2001:db9::1, u@ip6.test, softfail",
        "192.0.2.7, u@ip6.test, softfail",
        "198.51.100.10, u@a.test, pass",
        "203.0.113.200, u@a.test, pass",
        "2001:db8:1:2::99, u@a.test, pass",
        "2001:db8:1:3::1, u@a.test, fail",
        "198.51.100.11, u@a.test, fail",
        "192.0.2.2, u@mx.test, pass",
        "2001:db8::25, u@mx.test, pass",
        "198.51.100.66, u@mx.test, pass",
        "198.51.100.70, u@mx.test, fail",
        "192.0.2.7, u@inc.test, pass",
        "203.0.113.1, u@inc.test, pass",
        "198.51.100.1, u@inc.test, neutral",
        "192.0.2.7, u@incnone.test, permerror",
        "192.0.2.7, u@incperm.test, permerror",
        "203.0.113.5, u@red.test, pass",
        "192.0.2.7, u@red.test, pass",
        "198.51.100.1, u@red.test, fail",
        "192.0.2.7, u@rednone.test, permerror",
        "192.0.2.3, foo-bar@ex.test, pass",
        "192.0.2.3, foo@ex.test, pass",
        "192.0.2.3, bar-foo@ex.test, fail",
        "192.0.2.4, foo@ex.test, fail",
        "192.0.2.7, u@terms.test, permerror",
        "192.0.2.7, u@ten.test, fail",
        "192.0.2.7, u@loop.test, permerror",
        "192.0.2.7, u@void.test, permerror",
        "192.0.2.7, u@void2.test, neutral",
        "192.0.2.7, u@manymx.test, permerror",
        "192.0.2.7, u@two.test, permerror",
        "192.0.2.7, u@other.test, none",
        "192.0.2.7, u@nothing.test, none",
        "192.0.2.7, u@split.test, pass",
        "198.51.100.1, u@UPPER.test, fail",
        "192.0.2.7, u@ptr.test, fail",
        "192.0.2.7, u@mod.test, pass",
        "192.0.2.7, u@empty.test, neutral",
        "192.0.2.7, u@broken.test, permerror",
        "192.0.2.7, u@timeout.test, temperror",
        "192.0.2.7, u@servfail.test, temperror",
        "192.0.2.7, u@silent.test, temperror",
        "192.0.2.7, u@localhost, none",
        "::ffff:192.0.2.7, u@ip4.test, pass",
    })
    void mailFrom(String ip, String from, String result) throws Exception {
        SpfVerdict verdict = spf.mailFrom(InetAddress.getByName(ip), from, "client.example");
        assertEquals(result, verdict.result().word(), verdict.explanation());
    }

    @Test
    void nullSenderIsPostmasterAtHelo() throws Exception {
        SpfVerdict verdict = spf.mailFrom(InetAddress.getByName("192.0.2.7"), "", "ip4.test");
        assertEquals(SpfResult.PASS, verdict.result());
        assertEquals("postmaster@ip4.test", verdict.sender());
    }

    @Test
    void heloIdentity() throws Exception {
        assertEquals(SpfResult.FAIL, spf.helo(InetAddress.getByName("198.51.100.1"), "ip4.test").result());
        assertEquals(SpfResult.NONE, spf.helo(InetAddress.getByName("192.0.2.7"), "[192.0.2.7]").result());
    }

    @Test
    void receivedSpfHeaderIsOneQuotedLine() throws Exception {
        SpfVerdict verdict = spf.mailFrom(InetAddress.getByName("192.0.2.7"), "u@ip4.test", "client.example");
        assertEquals("Received-SPF: pass (mx.example: domain of u@ip4.test designates 192.0.2.7 as permitted "
                + "sender) client-ip=192.0.2.7; envelope-from=\"u@ip4.test\"; helo=client.example; "
                + "receiver=mx.example; identity=mailfrom;", verdict.receivedSpf("mx.example"));
        SpfVerdict broken = spf.mailFrom(InetAddress.getByName("192.0.2.7"), "u@broken.test", "[1.2.3.4]");
        String header = broken.receivedSpf("mx.example");
        assertTrue(header.startsWith("Received-SPF: permerror (mx.example: error in processing during lookup of "
                + "broken.test: unknown mechanism \"moo\""), header);
        assertTrue(header.contains("helo=\"[1.2.3.4]\";"), header);
    }
}
