package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code control/clamd}: a unix socket path or {@code address:port}, IP literals only. */
class ClamdAddressTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /var/run/clamav/clamd.ctl           | /var/run/clamav/clamd.ctl
        '  /run/clamd.sock  '               | /run/clamd.sock
        /run/clam av/clamd.sock             | /run/clam av/clamd.sock
        127.0.0.1:3310                      | 127.0.0.1:3310
        [::1]:3310                          | [0:0:0:0:0:0:0:1]:3310
        [2001:db8::10]:65535                | [2001:db8:0:0:0:0:0:10]:65535
        """)
    void good(String line, String described) throws Exception {
        assertEquals(described, ClamdAddress.describe(read(line + "\n# the address above\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:3310", "clamd.example:3310", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0",
        "127.0.0.1:65536", "127.0.0.1:03310", "127.0.0.1:+3310", "127.0.0.1:3310:1", "::1:3310", "[::1]",
        "[::1:3310", "::1]:3310", "[127.0.0.1]:3310", "[fe80::1%eth0]:3310", "256.0.0.1:3310", "010.0.0.1:3310",
        "run/clamd.ctl", "./clamd.ctl", "unix:/run/clamd.ctl", "tcp://127.0.0.1:3310", "/run/clamd\u0001.ctl",
        "/run/clamd\u007f.ctl", "\t", ""})
    void bad(String line) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> read(line + "\n"));
        assertTrue(e.getMessage().contains("control/clamd:1") || e.getMessage().contains("clamd:1"), e.getMessage());
    }

    @Test
    void aSocketPathLongerThanAUnixSocketCanHoldIsRefused() throws Exception {
        String fits = "/" + "s".repeat(ClamdAddress.MAX_SOCKET_PATH - 1);
        assertEquals(fits, ClamdAddress.describe(read(fits + "\n")));
        ConfigException e = assertThrows(ConfigException.class, () -> read(fits + "s\n"));
        assertTrue(e.getMessage().contains("longer than 107 bytes"), e.getMessage());
        String multibyte = "/" + "é".repeat(60);
        assertThrows(ConfigException.class, () -> read(multibyte + "\n"), "bytes count, not characters");
    }

    @Test
    void aHugeLineIsQuotedCutInTheError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> read("x".repeat(100_000) + ":3310\n"));
        assertTrue(e.getMessage().length() < 600, e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Files.write(dir.resolve("clamd"), "/run/\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(ConfigException.class, () -> Controls.once(dir).file(ControlFiles.CLAMD));
    }

    @Test
    void missingMeansDebiansSocket() throws Exception {
        assertEquals(UnixDomainSocketAddress.of("/var/run/clamav/clamd.ctl"), Controls.once(dir).get(ControlFiles.CLAMD));
    }

    @Test
    void anEditIsReadAgainAndABadOneKeepsTheLastGoodAddress() throws Exception {
        StringBuilder log = new StringBuilder();
        Controls controls = new Controls(dir, log::append);
        Files.writeString(dir.resolve("clamd"), "127.0.0.1:3310\n");
        assertEquals("127.0.0.1:3310", ClamdAddress.describe(controls.get(ControlFiles.CLAMD)));
        Files.writeString(dir.resolve("clamd"), "/run/clamav/other.ctl\n");
        assertEquals("/run/clamav/other.ctl", ClamdAddress.describe(controls.get(ControlFiles.CLAMD)));
        Files.writeString(dir.resolve("clamd"), "localhost:3310 # a typo\n");
        assertEquals("/run/clamav/other.ctl", ClamdAddress.describe(controls.get(ControlFiles.CLAMD)));
        assertTrue(log.toString().contains("keeping the last good value"), log.toString());
    }

    private SocketAddress read(String text) throws Exception {
        Files.writeString(dir.resolve("clamd"), text);
        return Controls.once(dir).file(ControlFiles.CLAMD).orElseThrow();
    }
}
