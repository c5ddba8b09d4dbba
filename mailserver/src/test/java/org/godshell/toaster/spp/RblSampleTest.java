package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped rbl's own parsing, which is shell built-ins only (no awk, tr or sort): which names it looks up
 * for hostile addresses and list names, and how it reads a lookup's output (getent's layout: an address and
 * more words per line, each address three times). The lookup is a stand-in ({@code RBL_LOOKUP}) that writes
 * down every name it is asked and prints what the test gives it. {@link BuiltinRblTest} checks the verdicts
 * against builtin:rbl.
 */
class RblSampleTest {

    private static final String LISTED = "LR550 5.7.1 sorry, your address %s is listed at %s (#5.7.1)";

    @TempDir
    Path home;
    private Path asked;
    private Path answer;

    @BeforeEach
    void lookup() throws Exception {
        asked = home.resolve("asked");
        answer = home.resolve("answer");
        Files.writeString(answer, "");
        Path lookup = Files.writeString(home.resolve("lookup"), "#!/bin/sh\nprintf '%s\\n' \"$1\" >>'" + asked
                + "'\ncat '" + answer + "'\n");
        Files.setPosixFilePermissions(lookup, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", nullValues = "none", value = {
        "192.0.2.1 => 1.2.0.192.bl.test.",
        "::ffff:192.0.2.1 => 1.2.0.192.bl.test.",
        "010.0.0.127 => 127.0.0.010.bl.test.",
        "0.0.0.0 => 0.0.0.0.bl.test.",
        "127.0.0.256 => none",
        "1.2.3 => none",
        "1.2.3.4. => none",
        "1..2.3 => none",
        "1.2.3.0004 => none",
        "2001:db8::1 => none",
        "1.2.3.4 5 => none",
        "1.2.3.4\\n5.6.7.8 => none",
        "*.*.*.* => none",
        "$(touch pwned).1.2.3 => none",
    })
    void onlyADottedQuadIsLookedUp(String address, String name) throws Exception {
        PluginRun run = rbl(address.replace("\\n", "\n"), "bl.test");
        assertEquals(List.of(), run.lines());
        assertEquals(name == null ? List.of() : List.of(name), asked());
        assertFalse(Files.exists(home.resolve("pwned")));
    }

    @Test
    void listNamesAreSplitOnCommasAndSpacesAndOddOnesAreSkipped() throws Exception {
        PluginRun run = rbl("192.0.2.1", " a.test,,b.test , *  c.test.\nd_e.test\t..x  -f.test");
        assertEquals(List.of("1.2.0.192.a.test.", "1.2.0.192.b.test.", "1.2.0.192.c.test.",
                "1.2.0.192.-f.test."), asked());
        assertTrue(run.stderr().contains("ignoring odd list name in RBLSERVERS: *"), run.stderr());
        assertTrue(run.stderr().contains("ignoring odd list name in RBLSERVERS: d_e.test"), run.stderr());
        assertTrue(run.stderr().contains("ignoring odd list name in RBLSERVERS: ..x"), run.stderr());
        assertEquals(List.of(), run.lines());
    }

    @Test
    void aListingIsTheFirstWordOfALineIn127Dot0Dot0() throws Exception {
        Files.writeString(answer, "\n   \n*\n127.255.255.254 STREAM x\n127.255.255.254 DGRAM\n"
                + "127.0.0.4       STREAM 1.2.0.192.bl.test\n127.0.0.4       DGRAM\n127.0.0.4       RAW\n");
        PluginRun run = rbl("192.0.2.1", "bl.test other.test");
        assertEquals(List.of(LISTED.formatted("192.0.2.1", "bl.test")), run.lines());
        assertEquals(List.of("1.2.0.192.bl.test."), asked(), "the first hit wins");
        assertEquals("""
                rbl: bl.test answered * for 192.0.2.1: not a listing (error code or odd answer), ignored
                rbl: bl.test answered 127.255.255.254 for 192.0.2.1: not a listing (error code or odd answer), \
                ignored
                rbl: 192.0.2.1 listed at bl.test (127.0.0.4)
                """, run.stderr());
    }

    @Test
    void answersOutside127Dot0Dot0AreNoListing() throws Exception {
        Files.writeString(answer, "127.0.1.2 STREAM\n10.0.0.1\n127.0.0.1234\n127.0.0.2x\n");
        PluginRun run = rbl("192.0.2.1", "bl.test");
        assertEquals(List.of(), run.lines());
        assertEquals(4, run.stderr().lines().filter(line -> line.endsWith("ignored")).count(), run.stderr());
    }

    @Test
    void noAddressDropsTheSessionAndTrustedClientsAreNotLookedUp() throws Exception {
        assertEquals(List.of("D"), run(Map.of("RBLSERVERS", "bl.test")).lines());
        assertEquals(List.of(), run(Map.of("TCPREMOTEIP", "192.0.2.1", "RELAYCLIENT", "")).lines());
        assertEquals(List.of(), run(Map.of("TCPREMOTEIP", "192.0.2.1", "SMTPAUTHUSER", "a")).lines());
        assertEquals(List.of(), asked());
    }

    private PluginRun rbl(String address, String lists) {
        return run(Map.of("TCPREMOTEIP", address, "RBLSERVERS", lists));
    }

    private PluginRun run(Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put("RBL_LOOKUP", home.resolve("lookup").toString());
        PluginRun run = new SampleScript("rbl", home).run(Section.CONNECTION, env);
        assertTrue(run.failure().isEmpty() && run.exit() == 0, run.toString());
        return run;
    }

    private List<String> asked() throws Exception {
        return Files.exists(asked) ? Files.readAllLines(asked) : List.of();
    }
}
