package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pop3ConfigTest {

    @TempDir
    Path control;

    @Test
    void missingFilesMeanNoListenerAndTheDefaults() throws Exception {
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Pop3Config config = Pop3Config.load(control);
        assertEquals("mail.example.org", config.me());
        assertEquals(List.of(), config.listenPop3());
        assertEquals(List.of(), config.listenPop3s());
        assertEquals(Duration.ofMinutes(10), config.timeout());
        assertEquals(1000, config.maxConnections());
        assertEquals(10, config.maxConnectionsPerIp());
    }

    @Test
    void everyFileIsRead() throws Exception {
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-pop3"), "127.0.0.1:110\n[::1]:110\n");
        Files.writeString(control.resolve("listen-pop3s"), "0.0.0.0:995\n");
        Files.writeString(control.resolve("timeoutpop3d"), "900\n");
        Files.writeString(control.resolve("concurrencypop3"), "100\n");
        Files.writeString(control.resolve("concurrencypop3perip"), "3\n");
        Pop3Config config = Pop3Config.load(control);
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 110), new InetSocketAddress("::1", 110)),
                config.listenPop3());
        assertEquals(List.of(new InetSocketAddress("0.0.0.0", 995)), config.listenPop3s());
        assertEquals(Duration.ofSeconds(900), config.timeout());
        assertEquals(100, config.maxConnections());
        assertEquals(3, config.maxConnectionsPerIp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "listen-pop3          | ''                 | lists no address",
        "listen-pop3          | mail.example.org:110 | is not an IP address",
        "listen-pop3s         | 127.0.0.1          | has no port",
        "listen-pop3s         | 127.0.0.1:99999    | is not a port",
        "listen-pop3s         | ::1:995            | put an IPv6 address in brackets",
        "timeoutpop3d         | 60                 | is too small (the smallest is 600)",
        "timeoutpop3d         | 10m                | is not a number of seconds",
        "concurrencypop3      | 0                  | is too small",
        "concurrencypop3perip | -1                 | is negative",
        "concurrencypop3perip | 99999999999999999999 | is too large",
    })
    void aBadFileStopsTheServerWithFileLineAndFix(String file, String content, String message) throws Exception {
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve(file), content + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Pop3Config.load(control));
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains(message), e.getMessage());
    }
}
