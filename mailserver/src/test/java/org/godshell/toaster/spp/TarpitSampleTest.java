package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped tarpit with numbers a client or a typo could give it: whatever they are, it prints nothing, says
 * nothing on stderr (no "Illegal number" from the shell's arithmetic) and exits 0. TARPITMAX=0 keeps every
 * case from sleeping, so nothing here depends on time.
 */
class TarpitSampleTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "00", "007", "010", "09", "12345", "99999999999999999999", "-1", "1 2", "*",
        "$(touch pwned)", "a\nb", " 3", "1e3", "0x10", "٣"})
    void oddNumbersAreTakenAsTheirDefaults(String odd) {
        for (String name : new String[] {"SMTPRCPTCOUNTALL", "TARPITCOUNT", "TARPITDELAY"}) {
            Map<String, String> env = new HashMap<>(Map.of("SMTPRCPTCOUNTALL", "7", "TARPITMAX", "0"));
            env.put(name, odd);
            PluginRun run = new SampleScript("tarpit", home).run(Section.RCPT, env);
            assertEquals(List.of(), run.lines(), name + "=" + odd);
            assertEquals("", run.stderr(), name + "=" + odd);
            assertEquals(0, run.exit(), name + "=" + odd);
            assertFalse(Files.exists(home.resolve("pwned")));
        }
    }
}
