package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /etc/tcp.smtp as the qmail toasters write it, checked by the toaster's own tcprules parser. */
class TcpSmtpSourceTest {

    private static TcpSmtpSource parse(String text) throws ImportRefusedException {
        return TcpSmtpSource.parse(text.getBytes(StandardCharsets.UTF_8), "/etc/tcp.smtp");
    }

    @Test
    void readsRulesAndThePluginFilesTheyName() throws Exception {
        TcpSmtpSource file = parse("# relay\n127.:allow,RELAYCLIENT=\"\",SPPCONFFILE=\"/var/qmail/control/"
                + "smtpplugins-relay\"\n192.168.1.:allow,RELAYCLIENT=\"\"\n:allow,QMAILQUEUE=\"/var/qmail/bin/"
                + "simscan\"\n");
        assertEquals(List.of(2, 3, 4), file.rules().stream().map(TcpSmtpSource.Rule::line).toList());
        assertEquals(Optional.of("/var/qmail/control/smtpplugins-relay"), file.rules().getFirst().sppConfFile());
        assertEquals(Optional.empty(), file.rules().get(1).sppConfFile());
        assertEquals(List.of(), file.problems());
    }

    @Test
    void aLineTheToasterRefusesIsAProblemWithItsNumberAndReason() throws Exception {
        TcpSmtpSource file = parse("\n\n1.2.3.4:maybe\n10.:allow,RELAYCLIENT=\"\n10.0.0.1:deny\n\u0001:deny\n");
        assertEquals(List.of(5), file.rules().stream().map(TcpSmtpSource.Rule::line).toList());
        assertEquals(List.of(3, 4, 6), file.problems().stream().map(LineProblem::line).toList());
        assertTrue(file.problems().getFirst().reason().startsWith("/etc/tcp.smtp:3: unknown instruction"),
                file.problems().getFirst().reason());
    }
}
