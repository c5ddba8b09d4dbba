package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped greylist with numbers a typo or a hostile rule could give it: a first delivery attempt is
 * greylisted whatever GREYLIST_MIN and GREYLIST_KEEP hold (their defaults stand in for odd values), stderr has
 * the plugin's one log line and nothing from the shell (no "Illegal number"), and the state file lands under the first two hex digits of
 * its name.
 */
class GreylistSampleTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "010", "09", "9999999999", "99999999999999999999", "-1", "1 2", "*",
        "$(touch pwned)", "a\nb", "٣"})
    void oddNumbersAreTakenAsTheirDefaults(String odd) throws Exception {
        for (String name : new String[] {"GREYLIST_MIN", "GREYLIST_KEEP"}) {
            Path dir = Files.createTempDirectory(home, "state");
            PluginRun run = new SampleScript("greylist", home).run(Section.RCPT, Map.of(name, odd,
                    "GREYLIST_DIR", dir.toString(), "TCPREMOTEIP", "192.0.2.1", "SMTPMAILFROM", "a@x.test",
                    "SMTPRCPTTO", "u@local.test", "SMTPRCPTHOSTSOK", "1"));
            assertEquals(List.of("E451 4.7.1 greylisted, please try again later (#4.7.1)"), run.lines(), name);
            assertEquals("greylist: greylisted: 192.0.2 <a@x.test> -> <u@local.test>\n", run.stderr(),
                    name + "=" + odd);
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> state = files.filter(Files::isRegularFile).toList();
                assertEquals(1, state.size(), state.toString());
                String file = state.getFirst().getFileName().toString();
                assertTrue(file.matches("[0-9a-f]{64}"), file);
                assertEquals(file.substring(0, 2), state.getFirst().getParent().getFileName().toString());
            }
            assertFalse(Files.exists(home.resolve("pwned")));
        }
    }
}
