package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki answers before its first build is published (its start builds while it listens): a 503 that says
 * the site is being built and when to try again, then the site once the build's directory appears.
 */
class BeingBuiltTest {

    @TempDir
    Path dir;

    @Test
    void beforeTheFirstBuildA503WithRetryAfterThenTheSite() throws Exception {
        Path site = dir.resolve("site");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        WikiServer server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(), Optional.empty(),
                "wiki.test", Optional.empty()), Optional.empty(), line -> { });
        server.start();
        try {
            int port = server.httpAddresses().getFirst().getPort();
            RawHttp.Answer building = RawHttp.get(port, "/", "wiki.test");
            assertEquals(503, building.status());
            assertEquals("5", building.header("Retry-After"));
            assertTrue(new String(building.body(), StandardCharsets.UTF_8).contains("being built"));
            Files.createDirectories(site);
            Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title>\n");
            assertEquals(200, RawHttp.get(port, "/", "wiki.test").status());
        } finally {
            server.stop();
        }
    }
}
