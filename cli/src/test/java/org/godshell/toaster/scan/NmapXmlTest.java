package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nmap 7.93's report as it writes it, and hostile or broken reports: no file read, no blow-up, a clear refusal. */
class NmapXmlTest {

    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE nmaprun>
            <?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>
            <nmaprun scanner="nmap" args="nmap -n -Pn" start="1" version="7.93" xmloutputversion="1.05">
            <host><status state="up" reason="user-set" reason_ttl="0"/>
            <address addr="127.0.0.1" addrtype="ipv4"/>
            <ports><port protocol="tcp" portid="2525"><state state="open" reason="syn-ack" reason_ttl="0"/>
            <script id="smtp-enum-users" output="&#xa;  Couldn&apos;t find any accounts&#xa;"/>
            <script id="smtp-open-relay" output="Server doesn&apos;t seem to be an open relay, all tests failed"/>
            </port>
            <port protocol="tcp" portid="4465"><state state="open" reason="syn-ack" reason_ttl="0"/>
            <script id="ssl-enum-ciphers" output="&#xa;  TLSv1.2: ...">
            <table key="TLSv1.2"><table key="ciphers"><table><elem key="strength">A</elem></table></table></table>
            <elem key="least strength">A</elem>
            </script></port>
            </ports></host>
            </nmaprun>
            """;

    @TempDir
    Path dir;

    @Test
    void readsScriptOutputsAndTheirTopValues() {
        Map<Integer, Map<String, NmapXml.Script>> ports = NmapXml.scripts(REPORT);
        assertEquals("\n  Couldn't find any accounts\n", ports.get(2525).get("smtp-enum-users").output());
        assertEquals("Server doesn't seem to be an open relay, all tests failed",
                ports.get(2525).get("smtp-open-relay").output());
        assertEquals(Map.of("least strength", "A"), ports.get(4465).get("ssl-enum-ciphers").elements());
    }

    @Test
    void anExternalEntityIsNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "do-not-read");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<nmaprun><host><ports><port portid=\"25\"><script id=\"s\" output=\"o\">"
                + "<elem key=\"k\">&x;</elem></script></port></ports></host></nmaprun>";
        try {
            assertFalse(NmapXml.scripts(hostile).toString().contains("do-not-read"));
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage().contains("do-not-read"));
        }
    }

    @Test
    void nestedEntitiesStopAtTheExpansionLimit() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE nmaprun [<!ENTITY a0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><nmaprun><host><ports><port portid=\"25\"><script id=\"s\" output=\"&a10;\"/>"
                + "</port></ports></host></nmaprun>";
        assertThrows(IllegalArgumentException.class, () -> NmapXml.scripts(bomb));
    }

    @Test
    void anOversizedReportIsRefusedBeforeParsing() {
        assertThrows(IllegalArgumentException.class,
                () -> NmapXml.scripts("<nmaprun>" + " ".repeat(NmapXml.MAX_CHARS) + "</nmaprun>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<nmaprun>", "<nmaprun><port portid=\"x\"/></nmaprun>",
            "<nmaprun><port/></nmaprun>", "<nmaprun><port portid=\"99999999999\"/></nmaprun>",
            "<nmaprun><port portid=\"25\"><script id=\"s\" output=\"a\"/><script id=\"s\" output=\"b\"/></port>"
                    + "</nmaprun>",
            "<nmaprun><port portid=\"25\"><script id=\"s\"><elem key=\"k\">1</elem><elem key=\"k\">2</elem></script>"
                    + "</port></nmaprun>",
            "<nmaprun><port portid=\"25\"><script id=\"s\"/></port><port portid=\"25\"><script id=\"s\"/></port>"
                    + "</nmaprun>"})
    void aBrokenOrAmbiguousReportIsRefused(String xml) {
        assertThrows(IllegalArgumentException.class, () -> NmapXml.scripts(xml));
    }
}
