package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HELO name as our Received header writes it: only domain and address-literal characters survive. */
class ReceivedHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "mail.example.org              | mail.example.org",
        "[192.0.2.7]                   | [192.0.2.7]",
        "[IPv6:2001:db8::1]            | [IPv6:2001:db8::1]",
        "DESKTOP-AB12_CD               | DESKTOP-AB12_CD",
        "x(a)by(b)mx.google.com        | x?a?by?b?mx.google.com",
        "x;for<a@b.example>            | x?for?a?b.example?",
        "'a\"b\\c`$(id)'               | a?b?c???id?",
        "'h\u00e9llo\r\n'              | h?llo??",
    })
    void keepsOnlySafeCharacters(String helo, String written) {
        assertEquals(written, ReceivedHeader.safeHost(helo));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "bob@local.test                             | bob@local.test",
        "o.brien+tag@local.test                     | o.brien+tag@local.test",
        "j\u00f6rg@b\u00fccher.example               | j\u00f6rg@b\u00fccher.example",
        "'\"x>; by evil.example (forged)\"@local.test' | ?x???by?evil.example??forged??@local.test",
        "'\"a\\\"b\"@local.test'                        | ?a??b?@local.test",
    })
    void recipientsCannotCloseThePathOrTheClause(String recipient, String written) {
        assertEquals(written, ReceivedHeader.safeAddress(recipient));
    }

    /** The date is formatted once a second: each instant still gets its own second's text, in any order. */
    @Test
    void everyInstantGetsTheDateOfItsOwnSecond() {
        DateTimeFormatter rfc5322 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        Instant base = Instant.parse("2026-12-07T10:15:30.250Z");
        for (Instant when : List.of(base, base.plusMillis(700), base.plusMillis(750), base.minusSeconds(1),
                base.plusSeconds(86_400 * 40), base.plusNanos(1), Instant.EPOCH, base)) {
            String expected = rfc5322.format(when).replace("GMT", "+0000").replaceFirst(", 0", ", ");
            assertEquals(expected, ReceivedHeader.date(when), when.toString());
        }
    }
}
