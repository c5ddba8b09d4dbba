package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code control/dnsservers}: {@code address[:port]} per line. */
class DnsServersTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1           | 127.0.0.1 53
        127.0.0.1:5353      | 127.0.0.1 5353
        [::1]               | 0:0:0:0:0:0:0:1 53
        [::1]:5353          | 0:0:0:0:0:0:0:1 5353
        2001:db8::53        | 2001:db8:0:0:0:0:0:53 53
        """)
    void good(String line, String address) throws Exception {
        Path file = Files.writeString(dir.resolve("dnsservers"), "# resolver\n" + line + "\n");
        InetSocketAddress server = Controls.once((file).getParent()).file(ControlFiles.DNSSERVERS).orElseThrow().get(0);
        assertEquals(address, server.getAddress().getHostAddress() + " " + server.getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolver.example", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[::1]x",
        "256.0.0.1", "\n"})
    void bad(String line) throws Exception {
        Path file = Files.writeString(dir.resolve("dnsservers"), line + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once((file).getParent()).file(ControlFiles.DNSSERVERS));
        assertTrue(e.getMessage().contains("dnsservers"), e.getMessage());
    }

    @Test
    void missingMeansTheSystems() throws Exception {
        assertEquals(Optional.empty(), Controls.once((dir.resolve("dnsservers")).getParent()).file(ControlFiles.DNSSERVERS));
    }
}
