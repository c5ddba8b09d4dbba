package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code plugins/spf} run by dash through the engine, its {@code bin/toaster} a two-line launcher
 * that starts the real CLI on this test's classpath, its DNS a fixture zone named in {@code control/dnsservers}:
 * end to end but for the installer's launcher. Also compares its lines with {@code builtin:spf}'s.
 */
class SpfScriptTest {

    @TempDir
    Path home;
    private FixtureDns dns;

    @BeforeEach
    void installation() throws Exception {
        dns = new FixtureDns().txt("good.test.", "v=spf1 ip4:192.0.2.0/24 -all").txt("soft.test.", "v=spf1 ~all")
                .txt("slow.test.", "v=spf1 a:never.test -all").servfail("never.test.");
        Path control = Files.createDirectories(home.resolve("control"));
        Files.writeString(control.resolve("dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
        Files.writeString(control.resolve("me"), "192.0.2.25\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("toaster");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' -Dtoaster.home=\"$TOASTER_HOME\" org.godshell.toaster.cli.Toaster \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void failRefusesWithTheBuiltinsLines() throws Exception {
        Map<String, String> env = env("198.51.100.1", "u@good.test");
        List<String> lines = script(env);
        assertEquals(List.of("E550 5.7.23 SPF fail: good.test does not designate 198.51.100.1 as permitted sender "
                + "(#5.7.23)"), lines.subList(1, lines.size()));
        assertEquals(builtin(env), lines);
    }

    @Test
    void passAndSoftfailOnlyStamp() throws Exception {
        Map<String, String> pass = env("192.0.2.7", "u@good.test");
        assertEquals(builtin(pass), script(pass));
        assertTrue(script(pass).get(0).startsWith("HReceived-SPF: pass (192.0.2.25: domain of u@good.test"));
        Map<String, String> soft = env("198.51.100.1", "u@soft.test");
        assertEquals(builtin(soft), script(soft));
    }

    @Test
    void temperrorDefersAndTrustedClientsAreSkipped() throws Exception {
        Map<String, String> slow = env("198.51.100.1", "u@slow.test");
        assertEquals("E451 4.4.3 SPF temporary error for slow.test (#4.4.3)", script(slow).get(1));
        Map<String, String> trusted = env("198.51.100.1", "u@good.test");
        trusted.put("RELAYCLIENT", "");
        assertEquals(List.of(), script(trusted));
    }

    private List<String> script(Map<String, String> env) {
        Path script = Path.of("").toAbsolutePath().resolveSibling("mailserver").resolve("src/dist/plugins/spf");
        ProcessPlugin plugin = new ProcessPlugin("f:1", ":dash plugins/spf", true, "exec dash '" + script + "'",
                new PluginRunner(home, Duration.ofSeconds(30)));
        PluginRun run = plugin.run(Section.MAIL, env);
        assertTrue(run.failure().isEmpty(), run.toString());
        return run.lines();
    }

    private List<String> builtin(Map<String, String> env) throws Exception {
        Map<String, String> withHost = new LinkedHashMap<>(env);
        withHost.put("TCPLOCALHOST", "192.0.2.25");
        return BuiltinSpf.parse("f:1", "builtin:spf", "", dns.dns()).run(Section.MAIL, withHost).lines();
    }

    private static Map<String, String> env(String ip, String from) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TCPREMOTEIP", ip);
        env.put("TCPLOCALIP", "192.0.2.25");
        env.put("SMTPHELOHOST", "client.test");
        env.put("SMTPMAILFROM", from);
        return env;
    }
}
