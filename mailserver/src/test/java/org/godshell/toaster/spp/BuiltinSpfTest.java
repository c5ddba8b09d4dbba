package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code builtin:spf} against a fixture zone: which identity, which reply, which header, who is skipped. */
class BuiltinSpfTest {

    private static FixtureDns fixture;

    @BeforeAll
    static void zone() throws Exception {
        fixture = new FixtureDns()
                .txt("good.test.", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("soft.test.", "v=spf1 ~all")
                .txt("broken.test.", "v=spf1 moo")
                .txt("slow.test.", "v=spf1 a:never.test -all").servfail("never.test.")
                .txt("helo.test.", "v=spf1 ip4:192.0.2.9 -all");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static final String HEADER = "HReceived-SPF: ";

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource(delimiter = '|', value = {
        "MAIL|u@good.test|192.0.2.7|pass|",
        "MAIL|u@good.test|198.51.100.1|fail|E550 5.7.23 SPF fail: good.test does not designate 198.51.100.1 as "
                + "permitted sender (#5.7.23)",
        "MAIL|u@soft.test|198.51.100.1|softfail|",
        "MAIL|u@broken.test|198.51.100.1|permerror|",
        "MAIL|u@slow.test|198.51.100.1|temperror|E451 4.4.3 SPF temporary error for slow.test (#4.4.3)",
        "MAIL|u@nospf.test|198.51.100.1|none|",
        "MAIL||192.0.2.9|pass|",
        "MAIL||192.0.2.10|fail|E550 5.7.23 SPF fail: helo.test does not designate 192.0.2.10 as permitted sender "
                + "(#5.7.23)",
        "HELO||192.0.2.9|pass|",
        "HELO||198.51.100.1|fail|E550 5.7.23 SPF fail: helo.test does not designate 198.51.100.1 as permitted "
                + "sender (#5.7.23)",
    })
    void verdicts(Section section, String from, String ip, String result, String refusal) throws Exception {
        Map<String, String> env = env(ip, from == null ? "" : from);
        List<String> lines = plugin("").run(section, env).lines();
        assertTrue(lines.get(0).startsWith(HEADER + result + " (192.0.2.25: "), lines.toString());
        assertTrue(lines.get(0).endsWith("identity=" + (section == Section.MAIL ? "mailfrom;" : "helo;")),
                lines.toString());
        assertInstanceOf(Command.Header.class, Command.parse(lines.get(0)));
        assertEquals(refusal == null ? List.of() : List.of(refusal), lines.subList(1, lines.size()));
        if (refusal != null) {
            assertInstanceOf(Command.Error.class, Command.parse(lines.get(1)));
        }
    }

    @Test
    void optionsRefuseSoftfailAndPermerror() throws Exception {
        BuiltinSpf strict = plugin("softfail=reject permerror=reject");
        assertEquals("E550 5.7.23 SPF softfail: soft.test does not designate 198.51.100.1 as permitted sender "
                + "(#5.7.23)", strict.run(Section.MAIL, env("198.51.100.1", "u@soft.test")).lines().get(1));
        assertEquals("E550 5.7.24 SPF permanent error for broken.test: its SPF record is broken (#5.7.24)",
                strict.run(Section.MAIL, env("198.51.100.1", "u@broken.test")).lines().get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELAYCLIENT=", "SMTPAUTHUSER=alice"})
    void trustedClientsAreNotChecked(String variable) {
        Map<String, String> env = env("198.51.100.1", "u@good.test");
        env.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        assertEquals(List.of(), plugin("").run(Section.MAIL, env).lines());
    }

    @Test
    void otherSectionsAndOddAddressesDoNothing() {
        assertEquals(List.of(), plugin("").run(Section.RCPT, env("198.51.100.1", "u@good.test")).lines());
        assertEquals(List.of(), plugin("").run(Section.MAIL, env("host.example", "u@good.test")).lines());
    }

    @Test
    void lines() throws Exception {
        Builtins builtins = new Builtins(fixture.dns(), java.nio.file.Path.of("unused-prefix"));
        assertInstanceOf(BuiltinSpf.class, builtins.parse("f:1", "builtin:spf", "spf"));
        assertTrue(assertThrows(PluginFactory.BadPlugin.class,
                () -> builtins.parse("f:2", "builtin:spf softfail=yes", "spf softfail=yes")).getMessage()
                .contains("softfail=reject"));
    }

    private static BuiltinSpf plugin(String arguments) {
        try {
            return BuiltinSpf.parse("f:1", "builtin:spf " + arguments, arguments, fixture.dns());
        } catch (PluginFactory.BadPlugin e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> env(String ip, String from) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TCPREMOTEIP", ip);
        env.put("TCPLOCALIP", "192.0.2.25");
        env.put("SMTPHELOHOST", "helo.test");
        env.put("SMTPMAILFROM", from);
        return env;
    }
}
