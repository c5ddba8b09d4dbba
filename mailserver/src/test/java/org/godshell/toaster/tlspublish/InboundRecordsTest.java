package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.godshell.toaster.config.StsMode;
import org.junit.jupiter.api.Test;

/** The zone-file lines {@code toaster dns} prints for a domain. */
class InboundRecordsTest {

    private static final Tlsa KEY = new Tlsa("0123456789abcdef".repeat(4));

    @Test
    void aTestingPolicyAndOneKey() {
        StsPolicy policy = new StsPolicy(StsMode.TESTING, List.of("mail.example.org"), 604_800);
        List<String> lines = InboundRecords.of("example.org", "mail.example.org", policy, List.of(KEY));
        assertEquals(List.of(
                "mta-sts.example.org.         CNAME mail.example.org.",
                "_mta-sts.example.org.        TXT  \"v=STSv1; id=" + policy.id() + "\"   (mode testing)",
                "_smtp._tls.example.org.      TXT  \"v=TLSRPTv1; rua=mailto:postmaster@example.org\"",
                "_25._tcp.mail.example.org.   TLSA 3 1 1 " + KEY.sha256()), lines.subList(0, 4));
        assertEquals(6, lines.size(), "and the HTTPS and TLSA advice");
    }

    @Test
    void noPolicyNoStsRecordAndNoKeyNoTlsa() {
        StsPolicy none = new StsPolicy(StsMode.NONE, List.of("mail.example.org"), 604_800);
        assertEquals(List.of(
                "mta-sts.example.org.         CNAME mail.example.org.",
                "_smtp._tls.example.org.      TXT  \"v=TLSRPTv1; rua=mailto:postmaster@example.org\""),
                InboundRecords.of("example.org", "mail.example.org", none, List.of()));
    }
}
