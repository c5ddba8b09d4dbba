package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.godshell.toaster.dkim.PeerPrograms;
import org.godshell.toaster.layout.Daemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jail and filters, installed as the Monitoring page says (beside Debian's own configuration), load
 * in the real fail2ban: {@code fail2ban-client -d} reads every file as the server would and dumps the jails it
 * would start. One jail per daemon, each on its systemd unit's journal, the units the installer writes.
 */
class Fail2banJailTest {

    private static final Path CLIENT = Path.of("/usr/bin/fail2ban-client");
    private static final Path SHARE = Path.of("src", "dist", "share", "fail2ban").toAbsolutePath();

    @TempDir
    Path conf;

    @Test
    void theExampleJailLoadsWithTheShippedFilters() throws Exception {
        PeerPrograms.require(CLIENT, "fail2ban");
        copy(Path.of("/etc/fail2ban"), conf);
        copy(SHARE, conf);
        Process process = new ProcessBuilder(CLIENT.toString(), "-c", conf.toString(), "-d").redirectErrorStream(true)
                .start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "fail2ban-client -d did not finish");
        assertEquals(0, process.exitValue(), dump);
        assertTrue(dump.lines().noneMatch(line -> line.contains(" ERROR ")), dump);
        for (String daemon : Daemons.ALL) {
            String jail = "toaster-" + daemon;
            assertTrue(dump.contains("['add', '" + jail + "', 'systemd']"), jail + ":\n" + dump);
            assertTrue(dump.contains("['set', '" + jail + "', 'addjournalmatch', '_SYSTEMD_UNIT=" + jail
                    + ".service']"), jail + ":\n" + dump);
            assertTrue(dump.contains("['multi-set', '" + jail + "', 'addfailregex', ['^"), jail + ":\n" + dump);
            assertTrue(dump.contains("['start', '" + jail + "']"), jail + ":\n" + dump);
            assertTrue(Files.isRegularFile(Path.of("..", "installer", "src", "main", "resources", "templates",
                    jail + ".service")), "the installer writes no unit " + jail + ".service");
        }
    }

    /** {@code from}'s files into {@code to}, directories as they are, replacing what is there. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
