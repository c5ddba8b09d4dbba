package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpRulesTest {

    /** One rule per form; each sets WHO to its own name so the table can say which one matched. */
    private static final String RULES = """
            # comment line, then a blank one

            :allow,WHO="everyone"
            127.:allow,WHO="loopback8"
            127.0.0.1:allow,WHO="localhost",RELAYCLIENT=""
            10.:deny,WHO="ten"
            10.0.0.0/12:allow,WHO="ten12"
            10.1.:allow,WHO="ten1"
            10.2-5.:allow,WHO="ten2to5"
            10.1.2.0/24:allow,WHO="ten1-2"
            10.1.2.1-30:allow,WHO="range1to30"
            10.1.2.7:deny,WHO="exact7"
            10.1.2.4/30:allow,WHO="slash30"
            192.0.2.7:deny
            198.51.100.0/22:allow,WHO=unquoted,X="a,b:deny"
            0.0.0.0/0:allow,WHO="allipv4"
            ::1:allow,WHO="v6loopback"
            2001:db8::/32:allow,WHO="doc32"
            [2001:db8:1::]/48:allow,WHO="doc48"
            [2001:db8:1::25]:deny,WHO="doc-exact"
            fe80::/10:deny,WHO="linklocal"
            ::ffff:203.0.113.0/120:allow,WHO="mapped-rule"
            """;

    private static TcpRules rules() throws ConfigException {
        return TcpRules.parse(RULES, "control/tcp.smtp");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1        | allow | localhost   | 5",
        "127.0.0.2        | allow | loopback8   | 4",
        "127.255.255.255  | allow | loopback8   | 4",
        "128.0.0.1        | allow | allipv4     | 16",
        "10.200.0.1       | deny  | ten         | 6",
        "10.15.0.1        | allow | ten12       | 7",
        "10.16.0.1        | deny  | ten         | 6",
        "10.0.0.1         | allow | ten12       | 7",
        "10.1.0.1         | allow | ten1        | 8",
        "10.2.0.1         | allow | ten2to5     | 9",
        "10.5.255.255     | allow | ten2to5     | 9",
        "10.6.0.1         | allow | ten12       | 7",
        "10.1.2.200       | allow | ten1-2      | 10",
        "10.1.2.1         | allow | range1to30  | 11",
        "10.1.2.30        | allow | range1to30  | 11",
        "10.1.2.31        | allow | ten1-2      | 10",
        "10.1.2.7         | deny  | exact7      | 12",
        "10.1.2.5         | allow | slash30     | 13",
        "10.1.2.4         | allow | slash30     | 13",
        "192.0.2.7        | deny  |             | 14",
        "192.0.2.8        | allow | allipv4     | 16",
        "198.51.100.1     | allow | unquoted    | 15",
        "198.51.103.255   | allow | unquoted    | 15",
        "198.51.104.0     | allow | allipv4     | 16",
        "::1              | allow | v6loopback  | 17",
        "::2              | allow | everyone    | 3",
        "2001:db8::1      | allow | doc32       | 18",
        "2001:db8:1::1    | allow | doc48       | 19",
        "2001:db8:1::25   | deny  | doc-exact   | 20",
        "2001:DB8:1:0::25 | deny  | doc-exact   | 20",
        "2001:db9::1      | allow | everyone    | 3",
        "fe80::1          | deny  | linklocal   | 21",
        "febf::1          | deny  | linklocal   | 21",
        "fec0::1          | allow | everyone    | 3",
        "203.0.113.9      | allow | mapped-rule | 22",
        "::ffff:127.0.0.1 | allow | localhost   | 5",
        "::ffff:10.1.2.7  | deny  | exact7      | 12",
    })
    void matchesMostSpecific(String client, String verdict, String who, int line) throws Exception {
        TcpRules.Rule rule = rules().match(InetAddress.getByName(client));
        assertEquals(verdict.equals("allow"), rule.allow(), rule.toString());
        assertEquals(who, rule.variables().get("WHO"), rule.toString());
        assertEquals("control/tcp.smtp:" + line, rule.source());
    }

    @Test
    void mappedAddressAsInet6AddressIsMatchedAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("control/tcp.smtp:5", rules().match(v6).source());
    }

    @Test
    void variablesKeepFileOrderAndEmptyValues() throws Exception {
        TcpRules.Rule r = rules().match(InetAddress.getByName("127.0.0.1"));
        assertEquals(List.of("WHO", "RELAYCLIENT"), List.copyOf(r.variables().keySet()));
        assertEquals("", r.variables().get("RELAYCLIENT"));
        TcpRules.Rule q = rules().match(InetAddress.getByName("198.51.100.1"));
        assertEquals(Map.of("WHO", "unquoted", "X", "a,b:deny"), q.variables());
        assertThrows(UnsupportedOperationException.class, () -> q.variables().put("Y", "1"));
    }

    @Test
    void noRulesAllowsEveryoneWithoutVariables() throws Exception {
        TcpRules.Rule r = TcpRules.allowAll().match(InetAddress.getByName("192.0.2.1"));
        assertEquals(new TcpRules.Rule(true, Map.of(), "default"), r);
        TcpRules some = TcpRules.parse("127.:allow,RELAYCLIENT=\"\"\n", "t");
        assertEquals("default", some.match(InetAddress.getByName("::1")).source());
        assertFalse(some.match(InetAddress.getByName("::1")).variables().containsKey("RELAYCLIENT"),
                "loopback over IPv6 is not 127.: no relay unless a rule says so");
    }

    @Test
    void theSppExampleOfQmailSppSection6() throws Exception {
        TcpRules r = TcpRules.parse("""
                127.:allow,RELAYCLIENT="",SPPCONFFILE="/opt/toaster/control/smtpplugins-local"
                10.0.0.0/8:allow,RELAYCLIENT=""
                192.0.2.7:deny
                :allow,SPPCONFFILE="/opt/toaster/control/smtpplugins-external"
                """, "tcp.smtp");
        assertEquals("/opt/toaster/control/smtpplugins-local",
                r.match(InetAddress.getByName("127.0.0.1")).variables().get("SPPCONFFILE"));
        assertEquals("/opt/toaster/control/smtpplugins-external",
                r.match(InetAddress.getByName("198.51.100.1")).variables().get("SPPCONFFILE"));
        assertFalse(r.match(InetAddress.getByName("192.0.2.7")).allow());
        assertTrue(r.match(InetAddress.getByName("10.9.9.9")).variables().containsKey("RELAYCLIENT"));
        assertEquals(4, r.lines().size());
    }

    @Test
    void tieBetweenRangeAndPrefixOfSameSizeGoesToThePrefix() throws Exception {
        TcpRules r = TcpRules.parse("10.1.2.1-4:allow,WHO=\"range\"\n10.1.2.0/30:allow,WHO=\"cidr\"\n", "t");
        assertEquals("cidr", r.match(InetAddress.getByName("10.1.2.2")).variables().get("WHO"));
        assertEquals("range", r.match(InetAddress.getByName("10.1.2.4")).variables().get("WHO"));
    }

    @Test
    void readsAFileAndAMissingFileAllowsAll(@TempDir Path dir) throws Exception {
        assertTrue(Controls.once((dir.resolve("tcp.smtp")).getParent()).get(ControlFiles.TCP_SMTP).isEmpty());
        Path f = Files.writeString(dir.resolve("tcp.smtp"), "# x\n192.0.2.7:deny\n");
        assertEquals(f + ":2", Controls.once((f).getParent()).get(ControlFiles.TCP_SMTP).match(InetAddress.getByName("192.0.2.7")).source());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'1.2.3.4:permit'                         | 1 | unknown instruction \"permit\"",
        "'1.2.3.4:ALLOW'                          | 1 | unknown instruction \"ALLOW\"",
        "'::1:accept'                             | 1 | unknown instruction \"accept\"",
        "'1.2.3.4'                                | 1 | has no instruction",
        "'# ok\\n1.2.3.4:allowed'                 | 2 | unknown instruction",
        "'1.2.3.256:allow'                        | 1 | \"1.2.3.256\" is not an address",
        "'1.2.3:allow'                            | 1 | is neither an address nor a prefix",
        "'1.2.3.4.:allow'                         | 1 | is not an address",
        "'010.1.:allow'                           | 1 | is not an address",
        "'1..:allow'                              | 1 | is not an address",
        "'mail.example.com:allow'                 | 1 | is not an address",
        "'=mail.example.com:allow'                | 1 | host name rules",
        "'joe@127.0.0.1:allow'                    | 1 | user@address rules",
        "'1.2.3.30-1:allow'                       | 1 | runs backwards",
        "'1.2-3.4.5:allow'                        | 1 | is not an address",
        "'10.0.0.0/33:allow'                      | 1 | \"/33\" in \"10.0.0.0/33\" is not a prefix length",
        "'10.0.0.0/:allow'                        | 1 | is not a prefix length",
        "'2001:db8::/129:allow'                   | 1 | from 0 to 128",
        "'10.1.2.3/8:allow'                       | 1 | write the network address, 10.0.0.0/8",
        "'10./8:allow'                            | 1 | is not an IPv4 address",
        "'2001:db8:::1:allow'                     | 1 | is not an address",
        "'2001:db8::1%eth0:allow'                 | 1 | is not an address",
        "'[::1:allow'                             | 1 | is not an address",
        "'1.2.3.4:allow,RELAYCLIENT=\"'           | 1 | has no closing quote",
        "'1.2.3.4:allow,X=\"a\"b'                 | 1 | text after the closing quote of X",
        "'1.2.3.4:allow,1X=\"a\"'                 | 1 | \"1X\" is not a variable name",
        "'1.2.3.4:allow,MY-VAR=\"a\"'             | 1 | \"MY-VAR\" is not a variable name",
        "'1.2.3.4:allow, X=\"a\"'                 | 1 | \" X\" is not a variable name",
        "'1.2.3.4:allow,RELAYCLIENT'              | 1 | is not an assignment",
        "'1.2.3.4:allow,X=ab\"c'                  | 1 | stray quote",
        "'1.2.3.4:allow,X=1,X=2'                  | 1 | X is set twice",
        "'1.2.3.4:allow,X=\"a\\tb\"'              | 1 | control character U+0009",
        "'1.2.3.4:allow,X=\"a\\0b\"'              | 1 | contains a NUL byte",
        "'1.2.3.4:allow\\n\\n1.2.3.4:deny'        | 3 | same clients as line 1",
        "'127.:allow\\n127.0.0.0/8:deny'          | 2 | same clients as line 1",
        "':allow\\n# x\\n:deny'                   | 3 | same clients as line 1",
        "'1.2.3.4:allow\\n1.2.3.4-4:allow'        | 2 | same clients as line 1",
        "'::ffff:1.2.3.4:allow\\n1.2.3.4:deny'    | 2 | same clients as line 1",
        "'[::1]:allow\\n::1:deny'                 | 2 | same clients as line 1",
    })
    void malformedLinesNameTheLine(String text, int line, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TcpRules.parse(ControlFileTest.unescape(text), "control/tcp.smtp"));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("control/tcp.smtp:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
