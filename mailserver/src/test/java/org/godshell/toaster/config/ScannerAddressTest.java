package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code control/rspamd}: one IP address[:port] or unix socket path; the default; hostile lines refused. */
class ScannerAddressTest {

    @TempDir
    Path control;

    private SocketAddress read(String text) throws Exception {
        Files.writeString(control.resolve("rspamd"), text);
        return Controls.once(control).get(ControlFiles.RSPAMD);
    }

    @Test
    void missingIsRspamdsDefaultOnLoopback() throws Exception {
        assertEquals("127.0.0.1:11333", ScannerAddress.describe(Controls.once(control).get(ControlFiles.RSPAMD)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1:11333           | 127.0.0.1:11333
        192.0.2.7                 | 192.0.2.7:11333
        '  10.0.0.5:2000  '       | 10.0.0.5:2000
        [::1]:11333               | [0:0:0:0:0:0:0:1]:11333
        [::1]                     | [0:0:0:0:0:0:0:1]:11333
        2001:db8::5               | [2001:db8:0:0:0:0:0:5]:11333
        /run/rspamd/normal.sock   | /run/rspamd/normal.sock
        """)
    void goodLines(String line, String described) throws Exception {
        assertEquals(described, ScannerAddress.describe(read(line + "\n# only the first line counts\n")));
    }

    @Test
    void aSocketPathIsAUnixAddress() throws Exception {
        assertEquals(UnixDomainSocketAddress.of("/var/lib/rspamd/rspamd.sock"), read("/var/lib/rspamd/rspamd.sock\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:11333", "rspamd.example", "127.0.0.1:0", "127.0.0.1:65536",
        "127.0.0.1:x", "127.0.0.1:", "127.0.0.1:11333:1", ":11333", "[::1", "[::1]x", "[::1]:", "[127.0.0.1]:11333",
        "256.0.0.1", "010.0.0.1", "http://127.0.0.1:11333/", "unix:/run/rspamd.sock", "run/rspamd.sock",
        "/run/rspamd dir/normal.sock", "/run/rspamd/", "/run/../etc/passwd", "/run/r\u00e9spamd.sock",
        "/run/\u0007.sock", "127.0.0.1\t11333", "# 127.0.0.1"})
    void hostileOrMalformedLinesAreRefusedWithTheFileName(String line) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(line + "\n"));
        assertTrue(e.getMessage().startsWith(control.resolve("rspamd") + ":1: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\u0007"), "control characters are not echoed: " + e.getMessage());
    }

    @Test
    void anOverlongAddressOrSocketPathIsRefused() {
        ConfigException address = assertThrows(ConfigException.class, () -> read("1".repeat(100_000) + "\n"));
        assertTrue(address.getMessage().contains("too long"), address.getMessage());
        assertTrue(address.getMessage().length() < 400, "the line is not echoed whole");
        ConfigException path = assertThrows(ConfigException.class, () -> read("/" + "s".repeat(107) + "\n"));
        assertTrue(path.getMessage().contains("longer than 107 bytes"), path.getMessage());
    }

    @Test
    void theLongestSocketPathFits() throws Exception {
        String longest = "/" + "s".repeat(106);
        assertEquals(UnixDomainSocketAddress.of(longest), read(longest + "\n"));
    }
}
