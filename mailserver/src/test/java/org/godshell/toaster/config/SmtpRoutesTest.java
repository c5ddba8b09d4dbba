package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpRoutesTest {

    @TempDir
    Path dir;

    private SmtpRoutes routes(String text) throws Exception {
        Path file = dir.resolve("smtproutes");
        Files.writeString(file, text);
        return Controls.once((file).getParent()).get(ControlFiles.SMTPROUTES);
    }

    private static String describe(SmtpRoute route) {
        return switch (route) {
            case SmtpRoute.UseMx mx -> "mx";
            case SmtpRoute.Relay r -> r.host() + ":" + r.port() + (r.address().isPresent() ? "!" : "");
        };
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "inside.af.mil, firewall.af.mil:26",
        "INSIDE.AF.MIL, firewall.af.mil:26",
        "af.mil, mx",
        "deep.inside.af.mil, mx",
        "x.af.mil, mx",
        "example.org, heaven.af.mil:25",
        "lit.example, [192.0.2.1]:2525!",
        "v6.example, [2001:db8::25]:25!",
    })
    void mostSpecificLineWinsWhereverItIs(String domain, String expected) throws Exception {
        SmtpRoutes routes = routes("""
                # comments and blank lines are skipped

                :heaven.af.mil
                .af.mil:
                inside.af.mil:firewall.af.mil:26
                lit.example:[192.0.2.1]:2525
                v6.example:[2001:db8::25]
                af.mil:
                """);
        assertEquals(expected, describe(routes.route(domain)));
    }

    @Test
    void missingFileRoutesEverythingByMx() throws Exception {
        assertInstanceOf(SmtpRoute.UseMx.class, Controls.once((dir.resolve("nothing")).getParent()).get(ControlFiles.SMTPROUTES).route("example.org"));
        assertInstanceOf(SmtpRoute.UseMx.class, routes("").route("example.org"));
    }

    @Test
    void literalIsParsedWithoutDns() throws Exception {
        SmtpRoute.Relay relay = (SmtpRoute.Relay) routes(":[192.0.2.7]\n").route("a.example");
        assertEquals(Optional.of(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7})), relay.address());
    }

    /** Issue 18 #8: a bare IPv4 relay is the address, as qmail-remote's dns_ip takes it, never a DNS name. */
    @Test
    void bareIpv4IsTheAddressWithItsPort() throws Exception {
        SmtpRoute.Relay relay = (SmtpRoute.Relay) routes("example.com:192.0.2.7\nport.example:192.0.2.8:2525\n")
                .route("example.com");
        assertEquals(Optional.of(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7})), relay.address());
        assertEquals(25, relay.port());
        SmtpRoute.Relay withPort = (SmtpRoute.Relay) routes("port.example:192.0.2.8:2525\n").route("port.example");
        assertEquals(Optional.of(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 8})), withPort.address());
        assertEquals(2525, withPort.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.org:192.0.2.300",           // a mistyped address: would be a DNS name that cannot exist
        "example.org:10.1.2",
        "example.org:2001:db8::25",          // bare IPv6: the colons read as a port
        "example.org",                       // no colon
        "example.org: relay.example",        // space
        "example.org:relay.example ",        // (trailing space is stripped, so this one is fine: see below)
        "exa mple.org:relay",
        "example.org:relay\tx",
        "example.org:relay:0",
        "example.org:relay:65536",
        "example.org:relay:025",
        "example.org:relay:port",
        "example.org:relay:25:26",
        "example.org::25",
        "example.org:[192.0.2.1",
        "example.org:[192.0.2.1]x",
        "example.org:[999.0.2.1]",
        "example.org:[relay.example]",
        "example.org:-relay",
        "example.org:relay..example",
        "exa$mple.org:relay",
        "..example.org:relay",
        "-example.org:relay",
        "example.org:re;lay",
        "example.org:$(reboot)",
    })
    void hostileLinesAreRefusedWithFileAndLine(String line) throws Exception {
        if (line.endsWith(" ")) {
            assertEquals("relay.example:25", describe(routes(line + "\n").route("example.org")));
            return;
        }
        ConfigException e = assertThrows(ConfigException.class, () -> routes("# first\n" + line + "\n"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("smtproutes") + ":2: "), e.getMessage());
    }

    @Test
    void duplicateDomainIsRefusedNamingTheFirstLine() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> routes("Example.org:a.example\n:all.example\nexample.org:b.example\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        ConfigException all = assertThrows(ConfigException.class, () -> routes(":a.example\n:b.example\n"));
        assertTrue(all.getMessage().contains("(all domains)"), all.getMessage());
    }

    @Test
    void oversizedAndBinaryFilesAreRefused() throws Exception {
        assertThrows(ConfigException.class, () -> routes("example.org:relay\0x\n"));
        Path big = dir.resolve("smtproutes");
        Files.write(big, new byte[(int) ControlFile.MAX_BYTES + 1]);
        assertThrows(ConfigException.class, () -> Controls.once((big).getParent()).get(ControlFiles.SMTPROUTES));
    }

    @Test
    void thousandsOfRoutesLoadAndMatch() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("d").append(i).append(".example:relay").append(i).append(".example\n");
        }
        SmtpRoutes routes = routes(text.toString());
        assertEquals("relay19999.example:25", describe(routes.route("d19999.example")));
        assertEquals("mx", describe(routes.route("x." + "a.".repeat(100) + "example")));
    }
}
