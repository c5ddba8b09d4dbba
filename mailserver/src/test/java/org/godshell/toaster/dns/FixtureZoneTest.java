package org.godshell.toaster.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The benchmark's DNS fixture: its zone text, its arguments, and that it answers what the zone says. */
class FixtureZoneTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void servesTheZone(@TempDir Path dir) throws Exception {
        Path zone = dir.resolve("bench.zone");
        Files.writeString(zone, """
                # the benchmark's zone
                2.0.0.127.bl.test.   A    127.0.0.2
                test.                TXT  v=spf1 ip4:127.0.0.1 -all
                test.                MX   mx1.test. mx2.test.
                key._domainkey.test. TXT  "v=DKIM1; k=rsa; p=%s" "%s"
                slow.test.           SILENT
                broken.test.         SERVFAIL
                """.formatted("A".repeat(200), "B".repeat(100)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FixtureDns dns = FixtureDnsServer.start(new String[] {"127.0.0.1:0", zone.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertTrue(out.toString(StandardCharsets.UTF_8).matches(
                    "fixture-dns: listening on 127\\.0\\.0\\.1:[0-9]+, 6 records\\R"), out.toString());
            Dns client = dns.dns();
            assertEquals(new Lookup.Found(List.of((java.net.Inet4Address) InetAddress.getByName("127.0.0.2"))),
                    client.ipv4("2.0.0.127.bl.test.", TIMEOUT));
            assertEquals("\"v=spf1 ip4:127.0.0.1 -all\"", ((Answer.Data) client.query("test.", Type.TXT, TIMEOUT))
                    .records().getFirst().rdataToString());
            assertEquals(2, ((Answer.Data) client.query("test.", Type.MX, TIMEOUT)).records().size());
            // A record over 255 octets is one TXT record of several strings, which a DKIM verifier joins.
            TXTRecord key = (TXTRecord) ((Answer.Data) client.query("key._domainkey.test.", Type.TXT, TIMEOUT))
                    .records().getFirst();
            assertEquals(List.of("v=DKIM1; k=rsa; p=" + "A".repeat(200), "B".repeat(100)), key.getStrings());
            assertInstanceOf(Lookup.NoAddress.class, client.ipv4("3.0.0.127.bl.test.", TIMEOUT));
            assertInstanceOf(Lookup.Temporary.class, client.ipv4("slow.test.", Duration.ofMillis(300)));
            assertInstanceOf(Lookup.Temporary.class, client.ipv4("broken.test.", TIMEOUT));
        } finally {
            dns.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "test A 127.0.0.1",                       // not absolute
        "test. A",                                // no value
        "test. A localhost",                      // a name, not a literal
        "test. A 127.0.0.256",
        "test. AAAA 127.0.0.1",
        "test. MX mx.test",                       // exchange not absolute
        "test. CNAME other.test.",                // unsupported type
        "test. SILENT now",
        "test.",                                  // no type
        "bad..name. A 127.0.0.1",
        "test. TXT caf\u00e9",                    // non-ASCII
        "test. TXT a\u0007b",                     // control character
        "test. TXT \"unclosed",
        "test. TXT \"a\"\"b\"",                    // no blank between the strings
        "test. TXT \"a\" b",                       // a bare word after a quoted string
        "test. TXT \"a\" \"\"",                    // an empty string
        "test. TXT \"a\\\"b\"",                      // a backslash: no escapes
        "test. TXT \"a\"b",
    })
    void refusesBadLines(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureZone.parse(List.of("# ok", line)));
        assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
    }

    @Test
    void refusesOversized() {
        assertThrows(IllegalArgumentException.class, () -> FixtureZone.parse(List.of("test. TXT " + "x".repeat(256))));
        assertThrows(IllegalArgumentException.class, () -> FixtureZone.parse(List.of("test. TXT " + "x".repeat(990))));
        assertThrows(IllegalArgumentException.class,
                () -> FixtureZone.parse(List.of("test. TXT \"a\" \"" + "x".repeat(256) + "\"")));
        assertThrows(IllegalArgumentException.class,
                () -> FixtureZone.parse(java.util.Collections.nCopies(FixtureZone.MAX_LINES + 1, "# x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":53", "192.0.2.1:53", "localhost:53", "127.0.0.1:65536",
        "127.0.0.1:x", "[::1]:53", "127.0.0.1:123456"})
    void refusesBadListenAddresses(String text) {
        assertThrows(IllegalArgumentException.class, () -> FixtureDnsServer.loopback(text));
    }

    @Test
    void refusesWrongArgumentCountAndNonAsciiFiles(@TempDir Path dir) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> FixtureDnsServer.start(new String[] {"127.0.0.1:0"}, sink));
        Path zone = dir.resolve("latin1.zone");
        Files.write(zone, new byte[] {'t', '.', ' ', 'T', 'X', 'T', ' ', (byte) 0xe9, '\n'});
        assertThrows(java.io.IOException.class,
                () -> FixtureDnsServer.start(new String[] {"127.0.0.1:0", zone.toString()}, sink));
    }
}
