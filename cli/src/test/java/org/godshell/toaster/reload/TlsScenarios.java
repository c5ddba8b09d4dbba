package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.tls.SelfSigned;

/** The certificates, looked at before each TLS handshake, and the AUTH mechanisms offered inside TLS. */
final class TlsScenarios {

    private TlsScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("servercert.pem", TlsScenarios::servercert,
                "servercerts", TlsScenarios::servercerts,
                "smtpauthmechs", TlsScenarios::smtpauthmechs);
    }

    /** A renewed certificate (another name here, to tell them apart) is served by smtpd and pop3d alike. */
    static void servercert(Installation t, Edits edits) throws Exception {
        assertEquals("CN=reload.test", Smtp.certificate(t, Optional.empty()));
        assertEquals("CN=reload.test", Pop3.certificate(t));
        edits.write("control/servercert.pem", SelfSigned.create("renewed-certificate.reload.test"), "rw-------");
        assertEquals("CN=renewed-certificate.reload.test", Smtp.certificate(t, Optional.empty()));
        assertEquals("CN=renewed-certificate.reload.test", Pop3.certificate(t));
    }

    static void servercerts(Installation t, Edits edits) throws Exception {
        assertEquals("CN=reload.test", Smtp.certificate(t, Optional.of("other.test")));
        edits.write("control/servercerts/other.test.pem", SelfSigned.create("other.test"), "rw-------");
        assertEquals("CN=other.test", Smtp.certificate(t, Optional.of("other.test")));
        assertEquals("CN=reload.test", Smtp.certificate(t, Optional.empty()), "no SNI: still servercert.pem");
    }

    static void smtpauthmechs(Installation t, Edits edits) throws Exception {
        assertEquals("AUTH PLAIN LOGIN SCRAM-SHA-256", Smtp.authLine(t));
        edits.write("control/smtpauthmechs", "PLAIN\n");
        assertEquals("AUTH PLAIN", Smtp.authLine(t));
    }
}
