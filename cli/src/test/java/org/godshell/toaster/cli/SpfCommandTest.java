package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code toaster spf}: results on stdout for the sample plugin, DNS from the installation's dnsservers. */
class SpfCommandTest {

    private FixtureDns dns;
    private Path prefix;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws Exception {
        dns = new FixtureDns().txt("example.test.", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all")
                .txt("broken.test.", "v=spf1 moo").servfail("slow.test.");
        prefix = Files.createTempDirectory("spf-cli");
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mx.test\n");
        Files.writeString(control.resolve("dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
        try (var files = Files.walk(prefix)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("spf", "--prefix", prefix.toString()));
        all.addAll(List.of(args));
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.7, u@example.test, pass, domain of u@example.test designates 192.0.2.7 as permitted sender",
        "198.51.100.1, u@example.test, fail, domain of u@example.test does not designate 198.51.100.1 as permitted sender",
        "2001:db8::1, u@example.test, pass, domain of u@example.test designates 2001:db8::1 as permitted sender",
        "192.0.2.7, u@none.test, none, none.test does not publish an SPF record",
        "192.0.2.7, u@broken.test, permerror, error in processing during lookup of broken.test: unknown mechanism \"moo\"",
        "192.0.2.7, u@slow.test, temperror, error in processing during lookup of slow.test: no answer for slow.test TXT: ",
    })
    void printsResultExplanationAndHeader(String ip, String from, String result, String explanation) {
        assertEquals(0, run("--ip", ip, "--from", from, "--helo", "client.test"), err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertEquals(result, lines[0]);
        assertTrue(lines[1].startsWith(explanation), lines[1]);
        assertTrue(lines[2].startsWith("Received-SPF: " + result + " (mx.test: "), lines[2]);
    }

    @Test
    void nullSenderChecksPostmasterAtHelo() {
        assertEquals(0, run("--ip", "192.0.2.7", "--from", "", "--helo", "example.test"));
        assertTrue(out.toString().startsWith("pass\ndomain of postmaster@example.test designates"), out.toString());
    }

    @ParameterizedTest
    @CsvSource({"not-an-ip, u@example.test", "192.0.2.7, 'two words@example.test'"})
    void badArgumentsExit2(String ip, String from) {
        assertEquals(2, run("--ip", ip, "--from", from));
        assertEquals("", out.toString());
    }

    @Test
    void missingOptionsExit2() {
        assertEquals(2, run("--ip", "192.0.2.7"));
        assertTrue(err.toString().contains("--from"), err.toString());
    }
}
