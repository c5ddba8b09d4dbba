package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The flags a queued copy declares: read from its bytes, and from the addresses and lines a copy adds. */
class MailFlagsTest {

    private static MailFlags of(String message) {
        return MailFlags.of(message.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ascii                         | Subject: x\\r\\n\\r\\nbody\\r\\n             | false | false
            UTF-8 header                  | Subject: café\\r\\n\\r\\nbody\\r\\n          | false | true
            8-bit body                    | Subject: x\\r\\n\\r\\nçà\\r\\n               | true  | false
            both                          | To: josé@x\\r\\n\\r\\nçà\\r\\n               | true  | true
            8-bit in a folded header line | Subject: x\\r\\n\\tcafé\\r\\n\\r\\nbody\\r\\n | false | true
            bare LF lines                 | Subject: x\\n\\nçà\\n                        | true  | false
            no empty line: all header     | Subject: x\\r\\nçà\\r\\n                     | false | true
            8-bit right after the break   | Subject: x\\r\\n\\r\\nç                      | true  | false
            empty line first: all body    | \\r\\nSubject: café\\r\\n                    | true  | false
            a line of CR CR is no break   | A: x\\r\\n\\r\\r\\nB: é\\r\\n\\r\\nx\\r\\n     | false | true
            a lone CR line is no break    | A: x\\r\\n\\rB: é\\r\\n\\r\\nx\\r\\n         | false | true
            empty message                 | ''                                            | false | false
            """)
    void theHeaderSectionDecidesSmtputf8AndTheBody8BitMime(String what, String message, boolean eightBit,
            boolean utf8) {
        String text = message.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(new MailFlags(eightBit, utf8), of(text), what);
    }

    /** Hostile bytes: NUL, lone CRs, invalid UTF-8 and a megabyte of header without an end cost one pass. */
    @Test
    void hostileAndOversizedInputIsReadInOnePassWithoutSurprises() {
        byte[] invalidUtf8 = {'S', ':', ' ', (byte) 0xff, (byte) 0xc0, '\r', '\n', '\r', '\n', 0, '\r', 'x'};
        assertEquals(new MailFlags(false, true), MailFlags.of(invalidUtf8));
        byte[] endless = new byte[1 << 20];
        Arrays.fill(endless, (byte) 'a');
        endless[endless.length - 1] = (byte) 0x80;
        assertEquals(new MailFlags(false, true), MailFlags.of(endless));
        byte[] crs = new byte[4096];
        Arrays.fill(crs, (byte) '\r');
        assertEquals(MailFlags.SEVEN_BIT, MailFlags.of(crs));
    }

    @Test
    void aNonAsciiAddressOrAddedHeaderLineAsksForSmtputf8AndKeepsTheBodyFlag() {
        MailFlags body = new MailFlags(true, false);
        assertEquals(body, body.withAddresses("a@x", List.of("b@y"), "Delivered-To: c@z\r\n"));
        assertEquals(new MailFlags(true, true), body.withAddresses("josé@x", List.of("b@y"), ""));
        assertEquals(new MailFlags(true, true), body.withAddresses("", List.of("b@y", "björk@y"), ""));
        assertEquals(new MailFlags(false, true),
                MailFlags.SEVEN_BIT.withAddresses("a@x", List.of("b@y"), "Delivered-To: josé@z\r\n"));
        assertEquals(new MailFlags(false, true), new MailFlags(false, true).withAddresses("a@x", List.of("b@y"), ""),
                "a flag once set stays set");
    }
}
