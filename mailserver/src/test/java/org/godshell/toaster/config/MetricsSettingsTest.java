package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.godshell.toaster.metrics.BearerToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code listen-metrics}, {@code listen-metrics-pop3d}, {@code listen-metrics-wiki} and {@code metricstoken}, read
 * as the daemons read them.
 */
class MetricsSettingsTest {

    private static final String TOKEN = "bWV0cmljcy10b2tlbi1mb3ItdGVzdHM=";

    @TempDir
    Path control;

    private Optional<InetSocketAddress> listen(String text) throws Exception {
        Files.writeString(control.resolve("listen-metrics"), text);
        return Controls.once(control).get(ControlFiles.LISTEN_METRICS);
    }

    @Test
    void missingFilesAreTheLoopbackDefaults() throws Exception {
        Controls controls = Controls.once(control);
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9587)),
                controls.get(ControlFiles.LISTEN_METRICS));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9588)),
                controls.get(ControlFiles.LISTEN_METRICS_POP3D));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9589)),
                controls.get(ControlFiles.LISTEN_METRICS_WIKI));
        assertEquals(Optional.empty(), controls.get(ControlFiles.METRICSTOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off\n", "OFF\n", "  off  \n", "off\n127.0.0.1:9587\n"})
    void offTurnsTheEndpointOff(String text) throws Exception {
        assertEquals(Optional.empty(), listen(text));
    }

    @Test
    void anAddressIsParsedAsListenSmtpsAre() throws Exception {
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9100)),
                listen("192.0.2.7:9100\n"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 9587)), listen("[::1]:9587\n"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), listen("127.0.0.1:0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "   \n", "on\n", "yes\n", "127.0.0.1\n", "localhost:9587\n", "metrics.example.org:9587\n",
            "127.0.0.1:99999\n", "127.0.0.1:-1\n", "127.0.0.1:95a7\n", "::1:9587\n", "[::1:9587\n",
            "127.0.0.1:9587 extra\n", "256.1.1.1:9587\n", "127.0.0.1:\n", ":9587\n",
            "\u00e9\u00e9\u00e9:1\n", "127.0.0.1:9587\u0000\n"})
    void malformedValuesStopTheStartWithFileAndLine(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> listen(text));
        assertTrue(e.getMessage().contains("listen-metrics"), e.getMessage());
    }

    private Optional<InetSocketAddress> wiki(String text) throws Exception {
        Files.writeString(control.resolve("listen-metrics-wiki"), text);
        return Controls.once(control).get(ControlFiles.LISTEN_METRICS_WIKI);
    }

    @Test
    void theWikisFileIsReadAsTheOthers() throws Exception {
        assertEquals(Optional.empty(), wiki("off\n"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 9589)),
                wiki("192.0.2.9:9589\n"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 0)), wiki("[::1]:0\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "on\n", "9589\n", "127.0.0.1\n", "wiki.example.org:9589\n", "127.0.0.1:65536\n",
            "127.0.0.1:9589\u0000\n", "127.0.0.1:9589 127.0.0.1:9590\n", "[::1]9589\n", "\u202e127.0.0.1:9589\n",
            "127.0.0.1:9589\"} 1\n"})
    void malformedWikiValuesStopTheStartWithFileAndLine(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> wiki(text));
        assertTrue(e.getMessage().contains(control.resolve("listen-metrics-wiki") + ":1"), e.getMessage());
    }

    @Test
    void anOversizedWikiValueIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> wiki("9".repeat(1_000_000) + "\n"));
        assertTrue(e.getMessage().contains("listen-metrics-wiki"), e.getMessage());
    }

    @Test
    void anOversizedValueIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> listen("1".repeat(100_000) + ":9587\n"));
        assertTrue(e.getMessage().contains("listen-metrics"), e.getMessage());
    }

    private Path token(String text, String mode) throws Exception {
        Path file = Files.writeString(control.resolve("metricstoken"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aTokenOfMode0600IsRead() throws Exception {
        token(TOKEN + "\n", "rw-------");
        Optional<BearerToken> token = Controls.once(control).get(ControlFiles.METRICSTOKEN);
        assertTrue(token.orElseThrow().admits("Bearer " + TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw-r--r--", "rw----r--", "rw-rw-rw-", "r--r-----"})
    void aTokenOthersCanReadStopsTheStart(String mode) throws Exception {
        Path file = token(TOKEN + "\n", mode);
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once(control).get(ControlFiles.METRICSTOKEN));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "short\n", "has spaces in the token!\n", "tab\tinside-the-token-x\n",
            "\u00e9t\u00e9-\u00e9t\u00e9-\u00e9t\u00e9-\u00e9t\u00e9\n"})
    void aMalformedTokenStopsTheStart(String text) throws Exception {
        token(text, "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once(control).get(ControlFiles.METRICSTOKEN));
        assertTrue(e.getMessage().contains("metricstoken"), e.getMessage());
        assertTrue(!e.getMessage().contains("has spaces in the token"), "the message never repeats the secret");
    }
}
