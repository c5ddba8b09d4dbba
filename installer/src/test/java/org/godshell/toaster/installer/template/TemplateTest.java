package org.godshell.toaster.installer.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void substitutesNamesAndLeavesOtherDollarsAlone() {
        Template template = new Template("t", "host ${hostName}, $$, $HOME, ${ not a placeholder }, $${hostName}\n");
        assertEquals("host a.example.org, $, $HOME, ${ not a placeholder }, ${hostName}\n",
                template.render(Map.of("hostName", "a.example.org")));
    }

    @Test
    void aValueIsNeverReadAsAReplacementPattern() {
        assertEquals("x $1 \\ y", new Template("t", "x ${v} y").render(Map.of("v", "$1 \\")));
    }

    @Test
    void missingValuesAndLineBreaksAreRefused() {
        Template template = new Template("unit", "ExecStart=${prefix}/bin/toaster\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> template.render(Map.of()));
        assertTrue(missing.getMessage().contains("needs a value for ${prefix}"));
        for (String hostile : new String[] {"/opt\nExecStartPre=/bin/sh", "/opt\rX", "/opt\0"}) {
            assertThrows(IllegalArgumentException.class, () -> template.render(Map.of("prefix", hostile)));
        }
    }

    @Test
    void theShippedTemplatesRender() {
        String unit = Template.resource("toaster-smtpd.service").render(Map.of("prefix", "/opt/toaster",
                "java", "/usr/bin/java", "user", "toaster"));
        for (String directive : new String[] {"NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
            "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
            "Restart=on-failure", "User=toaster", "ExecStart=/opt/toaster/bin/toaster smtpd",
            "ReadWritePaths=/opt/toaster/queue /opt/toaster/domains /opt/toaster/var",
            "LimitNOFILE=65536"}) {
            assertTrue(unit.contains(directive + "\n"), directive + " missing from\n" + unit);
        }
        String wiki = Template.resource("toaster-wiki.service").render(Map.of("prefix", "/opt/toaster",
                "java", "/usr/bin/java", "user", "toaster"));
        assertTrue(wiki.contains("ReadWritePaths=/opt/toaster/wiki /opt/toaster/var -/opt/toaster/control/acme\n"),
                "the wiki server renews the ACME certificate:\n" + wiki);
        String rules = Template.resource("tcp.smtp").render(Map.of("outsidePlugins", "the default plugin set",
                "outsideRule", "", "loopbackSays", "This machine may relay.", "loopbackRule", ",RELAYCLIENT=\"\""));
        assertTrue(rules.endsWith("\n:allow\n"), rules);
        assertTrue(rules.lines().filter(line -> line.startsWith(":allow")).noneMatch(line -> line.contains("RELAYCLIENT")),
                "the rule for everyone must not allow relaying");
    }
}
