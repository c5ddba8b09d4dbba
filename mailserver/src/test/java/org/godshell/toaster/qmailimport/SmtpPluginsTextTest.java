package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** qmail-spp plugin files: sections, program lines, shell commands, and lines that are not text. */
class SmtpPluginsTextTest {

    @Test
    void listsEveryPluginWithItsSectionAndProgram() throws Exception {
        SmtpPluginsText file = SmtpPluginsText.parse(("plugins/before-any\n[connection]\n/var/qmail/plugins/rblsmtpd\n"
                + "[RCPT]\n:/usr/local/bin/chkuser -v  x\n# off\n[x-unknown]\nplugins/ignored\n\u0000\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new SmtpPluginsText.Plugin(1, '?', "plugins/before-any", "plugins/before-any"),
                new SmtpPluginsText.Plugin(3, 'c', "/var/qmail/plugins/rblsmtpd", "/var/qmail/plugins/rblsmtpd"),
                new SmtpPluginsText.Plugin(5, 'r', ":/usr/local/bin/chkuser -v  x", "/usr/local/bin/chkuser"),
                new SmtpPluginsText.Plugin(8, '?', "plugins/ignored", "plugins/ignored")), file.plugins());
        assertEquals(List.of(9), file.problems().stream().map(LineProblem::line).toList());
    }
}
