package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MAIL FROM: arguments, valid and hostile. Columns: argument, SMTPUTF8 offered, expected mailbox or reply. */
class PathParserTest {

    private static final String L64 = "l".repeat(64);
    private static final String LABEL63 = "d".repeat(63);
    /** 4 * 63 + 3 dots = 255 octets. */
    private static final String D255 = String.join(".", LABEL63, LABEL63, LABEL63, LABEL63);

    private static Arguments ok(String argument, boolean utf8, String local, String domain) {
        return Arguments.of(argument, utf8, local, domain, null);
    }

    private static Arguments bad(String argument, boolean utf8, String reply) {
        return Arguments.of(argument, utf8, null, null, reply);
    }

    static Stream<Arguments> mail() {
        return Stream.of(
                ok(" FROM:<a@b.example>", false, "a", "b.example"),
                ok("FROM:<a@b.example>", false, "a", "b.example"),
                ok(" from:<a@b.example>", false, "a", "b.example"),
                ok(" FROM: <a@b.example>", false, "a", "b.example"),
                ok(" FROM:<a@b.example>   ", false, "a", "b.example"),
                ok(" FROM:<>", false, null, null),
                ok(" FROM:<> SIZE=100", false, null, null),
                ok(" FROM:<Joe.User@Mail.Example>", false, "Joe.User", "Mail.Example"),
                ok(" FROM:<\"quoted local\"@host.example>", false, "quoted local", "host.example"),
                ok(" FROM:<\"a\\\"b\"@host.example>", false, "a\"b", "host.example"),
                ok(" FROM:<\"a\\\\b\"@host.example>", false, "a\\b", "host.example"),
                ok(" FROM:<\";sleep 5;\"@host.example>", false, ";sleep 5;", "host.example"),
                ok(" FROM:<\"`id`\"@host.example>", false, "`id`", "host.example"),
                ok(" FROM:<\"a>b\"@host.example>", false, "a>b", "host.example"),
                ok(" FROM:<user%other@host.example>", false, "user%other", "host.example"),
                ok(" FROM:<bang!path@host.example>", false, "bang!path", "host.example"),
                ok(" FROM:<a+tag@host.example>", false, "a+tag", "host.example"),
                ok(" FROM:<a/b=c?d^e_f{g|h}i~j#k&l'm*n@host.example>", false,
                        "a/b=c?d^e_f{g|h}i~j#k&l'm*n", "host.example"),
                ok(" FROM:<$HOME@host.example>", false, "$HOME", "host.example"),
                ok(" FROM:<a.b.c@host.example>", false, "a.b.c", "host.example"),
                ok(" FROM:<a@localhost>", false, "a", "localhost"),
                ok(" FROM:<a@xn--bcher-kva.example>", false, "a", "xn--bcher-kva.example"),
                ok(" FROM:<a@1-2.example>", false, "a", "1-2.example"),
                ok(" FROM:<a@[192.0.2.1]>", false, "a", "[192.0.2.1]"),
                ok(" FROM:<a@[0.0.0.0]>", false, "a", "[0.0.0.0]"),
                ok(" FROM:<a@[IPv6:2001:db8::1]>", false, "a", "[IPv6:2001:db8::1]"),
                ok(" FROM:<a@[ipv6:2001:DB8::1]>", false, "a", "[ipv6:2001:DB8::1]"),
                ok(" FROM:<a@[IPv6:::1]>", false, "a", "[IPv6:::1]"),
                ok(" FROM:<a@[IPv6:2001:db8:0:0:0:0:0:1]>", false, "a", "[IPv6:2001:db8:0:0:0:0:0:1]"),
                ok(" FROM:<a@[IPv6:::ffff:192.0.2.1]>", false, "a", "[IPv6:::ffff:192.0.2.1]"),
                ok(" FROM:<a@[IPv6:1:2:3:4:5:6:192.0.2.1]>", false, "a", "[IPv6:1:2:3:4:5:6:192.0.2.1]"),
                ok(" FROM:<@a.example,@b.example:user@c.example>", false, "user", "c.example"),
                ok(" FROM:<@a.example:user@c.example>", false, "user", "c.example"),
                ok(" FROM:<" + L64 + "@host.example>", false, L64, "host.example"),
                ok(" FROM:<a@" + LABEL63 + ".example>", false, "a", LABEL63 + ".example"),
                ok(" FROM:<j\u00f6rg@b\u00fccher.example> SMTPUTF8", true, "j\u00f6rg", "b\u00fccher.example"),
                ok(" FROM:<\u7528\u6237@\u4f8b\u5b50.\u6d4b\u8bd5> SMTPUTF8", true, "\u7528\u6237",
                        "\u4f8b\u5b50.\u6d4b\u8bd5"),
                // Shell and path injection (OpenSMTPD CVE-2020-7247 class).
                bad(" FROM:<;sleep 5;>", false, "501 5.1.7"),
                bad(" FROM:<;sleep 5;@host.example>", false, "501 5.1.7"),
                bad(" FROM:<`id`@host.example>", false, "501 5.1.7"),
                bad(" FROM:<$(id)@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a;b@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a|b@host.example>(", false, "501 5.1.7"),
                bad(" FROM:<../etc/passwd@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a/../b@host.example>", false, "501 5.1.7"),
                bad(" FROM:<.a@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a.@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a..b@host.example>", false, "501 5.1.7"),
                // Structure.
                bad(" FROM:<@host.example>", false, "501 5.1.7"),
                bad(" FROM:<\"\"@host.example>", false, "501 5.1.7"),
                bad(" FROM:<a@>", false, "501 5.1.7"),
                bad(" FROM:<a>", false, "501 5.1.7"),
                bad(" FROM:<postmaster>", false, "501 5.1.7"),
                bad(" FROM:a@b.example", false, "501 5.1.7"),
                bad(" FROM:<a@b.example", false, "501 5.1.7"),
                bad(" FROM:a@b.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b.example>@c.example", false, "501 5.1.7"),
                bad(" FROM:<a@b.example>x", false, "501 5.1.7"),
                bad(" FROM:<a@b.example>>", false, "501 5.1.7"),
                bad(" FROM:<<a@b.example>>", false, "501 5.1.7"),
                bad(" FROM:< a@b.example>", false, "501 5.1.7"),
                bad(" FROM:<a @b.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b.example >", false, "501 5.1.7"),
                bad(" FROM:<a@b .example>", false, "501 5.1.7"),
                bad(" FROM:<\"unterminated@b.example>", false, "501 5.1.7"),
                bad(" FROM:<a\"b\"@b.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b@c.example>", false, "501 5.1.7"),
                bad(" FROM:<a\tb@c.example>", false, "501 5.1.7"),
                bad(" FROM:<a\u0001@c.example>", false, "501 5.1.7"),
                bad(" FROM:<\"a\u0001\"@c.example>", false, "501 5.1.7"),
                bad(" FROM:<\"a\\\u0001\"@c.example>", false, "501 5.1.7"),
                bad(" FROM:<a\u007f@c.example>", false, "501 5.1.7"),
                // Domains.
                bad(" FROM:<a@b..example>", false, "501 5.1.7"),
                bad(" FROM:<a@.b.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b.example.>", false, "501 5.1.7"),
                bad(" FROM:<a@-b.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b-.example>", false, "501 5.1.7"),
                bad(" FROM:<a@b_c.example>", false, "501 5.1.7"),
                bad(" FROM:<a@" + LABEL63 + "d.example>", false, "501 5.1.7"),
                bad(" FROM:<a@" + D255 + ".x>", false, "501 5.1.7"),
                bad(" FROM:<" + L64 + "l@host.example>", false, "501 5.1.7"),
                bad(" FROM:<\"" + "q".repeat(63) + "\"@host.example>", false, "501 5.1.7"),
                bad(" FROM:<" + L64 + "@" + "d".repeat(60) + "." + D255.substring(0, 191) + ">", false,
                        "501 5.1.7"),
                // Address literals.
                bad(" FROM:<a@[256.0.0.1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[1.2.3]>", false, "501 5.1.7"),
                bad(" FROM:<a@[1.2.3.4.5]>", false, "501 5.1.7"),
                bad(" FROM:<a@[01.2.3.4]>", false, "501 5.1.7"),
                bad(" FROM:<a@[1.2.3.4]x>", false, "501 5.1.7"),
                bad(" FROM:<a@[1.2.3.4>", false, "501 5.1.7"),
                bad(" FROM:<a@[]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:1::2::3]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:12345::1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:1:2:3:4:5:6:7]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:1:2:3:4:5:6:7:8:9]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:1:2:3:4:5:6:7::]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6::::1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:g::1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:::ffff:300.0.2.1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[IPv6:1:2:3:4:5:6:7:192.0.2.1]>", false, "501 5.1.7"),
                bad(" FROM:<a@[x-tag:stuff]>", false, "501 5.1.7"),
                // Source routes: accepted and dropped only when well-formed.
                bad(" FROM:<@a..example:user@c.example>", false, "501 5.1.7"),
                bad(" FROM:<@a.example,user@c.example>", false, "501 5.1.7"),
                bad(" FROM:<@:user@c.example>", false, "501 5.1.7"),
                bad(" FROM:<@a.example,:user@c.example>", false, "501 5.1.7"),
                // The verb's keyword.
                bad("", false, "501 5.5.4"),
                bad(" ", false, "501 5.5.4"),
                bad(" TO:<a@b.example>", false, "501 5.5.4"),
                bad(" FROM<a@b.example>", false, "501 5.5.4"),
                bad(" FROM :<a@b.example>", false, "501 5.5.4"),
                bad(" FROM:", false, "501 5.1.7"),
                // SMTPUTF8, RFC 6531.
                bad(" FROM:<j\u00f6rg@b.example> SMTPUTF8", false, "553 5.6.7"),
                bad(" FROM:<j\u00f6rg@b.example>", true, "553 5.6.7"),
                bad(" FROM:<a@b\u00fccher.example>", true, "553 5.6.7"),
                bad(" FROM:<a@b.example> X=\u00fc", true, "553 5.6.7"),
                bad(" FROM:<\u202eevil@b.example> SMTPUTF8", true, "501 5.1.7"),
                bad(" FROM:<a\u00a0b@b.example> SMTPUTF8", true, "501 5.1.7"),
                bad(" FROM:<a\u0085b@b.example> SMTPUTF8", true, "501 5.1.7"),
                bad(" FROM:<a@b.example> SMTPUTF8=yes", true, "555 5.5.4"),
                // Parameters, RFC 5321 §4.1.2 esmtp-param.
                bad(" FROM:<a@b.example> SIZE=abc", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> SIZE=", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> SIZE", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> SIZE=123456789012345678901", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> SIZE=1 size=2", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> =x", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> -X=1", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> X_Y=1", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> X=a=b", false, "555 5.5.4"),
                bad(" FROM:<a@b.example> BODY=8BITMIME\t", false, "555 5.5.4"));
    }

    @ParameterizedTest
    @MethodSource
    void mail(String argument, boolean utf8, String local, String domain, String reply) throws PathException {
        if (reply != null) {
            PathException e = assertThrows(PathException.class, () -> PathParser.parseMail(argument, utf8));
            assertEquals(reply, e.reply().code() + " " + e.reply().enhanced(), e.getMessage());
            return;
        }
        MailArguments parsed = PathParser.parseMail(argument, utf8);
        if (local == null) {
            assertEquals(Optional.empty(), parsed.sender());
            return;
        }
        Mailbox mailbox = parsed.sender().orElseThrow();
        assertEquals(new Mailbox(local, domain), mailbox);
        // The printed form parses back to the same mailbox.
        String again = " FROM:<" + mailbox + ">" + (utf8 ? " SMTPUTF8" : "");
        assertEquals(mailbox, PathParser.parseMail(again, utf8).sender().orElseThrow(), again);
        assertEquals(domain.toLowerCase(Locale.ROOT), mailbox.domainLower());
    }
}
