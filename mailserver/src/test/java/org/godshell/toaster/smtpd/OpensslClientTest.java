package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.tls.SelfSigned;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS against a TLS client that is not Java: {@code openssl s_client -starttls smtp}, asking for each host
 * name with SNI and checking the certificate it is served. Skipped, with the reason, where openssl is missing.
 */
class OpensslClientTest {

    @TempDir
    Path root;

    private static String opensslSays(int port, String... options) throws IOException, InterruptedException {
        String[] command = new String[6 + options.length];
        System.arraycopy(new String[] {"openssl", "s_client", "-starttls", "smtp", "-connect", "127.0.0.1:" + port},
                0, command, 0, 6);
        System.arraycopy(options, 0, command, 6, options.length);
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        openssl.getOutputStream().write("QUIT\n".getBytes());
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertTrue(openssl.waitFor(20, TimeUnit.SECONDS), "openssl did not finish");
        return output;
    }

    @Test
    void opensslGetsTheCertificateOfTheNameItAsksFor() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
                "openssl is not installed: the non-Java TLS client test is skipped");
        Map<String, String> control = TestServer.defaults();
        control.put("servercert.pem", SelfSigned.create("mx.test"));
        Files.createDirectories(root.resolve("control/servercerts"));
        control.put("servercerts/other.pem", SelfSigned.create("other.test"));
        try (TestServer server = new TestServer(root, control)) {
            int port = server.address().getPort();
            String other = opensslSays(port, "-servername", "other.test");
            assertTrue(other.contains("subject=CN = other.test") || other.contains("subject=CN=other.test"), other);
            assertTrue(other.matches("(?s).*(New, TLSv1\\.3|Protocol *: TLSv1\\.[23]).*"), other);
            String plain = opensslSays(port, "-servername", "mx.test");
            assertTrue(plain.contains("CN = mx.test") || plain.contains("CN=mx.test"), plain);
            String old = opensslSays(port, "-tls1_1");
            assertTrue(!old.contains("BEGIN CERTIFICATE") && !old.contains("Server certificate"),
                    "TLS 1.1 must not get a session: " + old);
        }
    }
}
