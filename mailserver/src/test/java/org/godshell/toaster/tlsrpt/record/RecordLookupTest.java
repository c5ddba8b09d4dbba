package org.godshell.toaster.tlsrpt.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;

/** Finding a domain's record over (loopback) DNS: exactly one TLSRPT record, or none is used. */
class RecordLookupTest {

    private static RecordLookup.Found find(FixtureDns dns, String domain) {
        return new RecordLookup(dns.dns(), Duration.ofSeconds(5)).find(domain);
    }

    @Test
    void oneRecordAmongOtherTxtRecordsIsUsed() throws Exception {
        try (FixtureDns dns = new FixtureDns()) {
            dns.txt("_smtp._tls.example.net.", "v=spf1 -all")
                    .txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:tls", "rpt@example.net");
            RecordLookup.Found.Published found = assertInstanceOf(RecordLookup.Found.Published.class,
                    find(dns, "example.net"));
            assertEquals(List.of(new ReportUri.Mailto("tlsrpt@example.net")), found.record().rua());
        }
    }

    @Test
    void twoRecordsMeanNone() throws Exception {
        try (FixtureDns dns = new FixtureDns()) {
            dns.txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:a@example.net")
                    .txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:b@example.net");
            RecordLookup.Found.None none = assertInstanceOf(RecordLookup.Found.None.class, find(dns, "example.net"));
            assertTrue(none.why().contains("2 TLSRPT records"), none.why());
        }
    }

    @Test
    void aBrokenOrMissingRecordIsNoneAndAFailureIsTemporary() throws Exception {
        try (FixtureDns dns = new FixtureDns()) {
            dns.txt("_smtp._tls.broken.example.", "v=TLSRPTv1; rua=http://r.broken.example/")
                    .servfail("_smtp._tls.failing.example.");
            assertInstanceOf(RecordLookup.Found.None.class, find(dns, "broken.example"));
            assertInstanceOf(RecordLookup.Found.None.class, find(dns, "missing.example"));
            assertInstanceOf(RecordLookup.Found.Temporary.class, find(dns, "failing.example"));
            assertInstanceOf(RecordLookup.Found.None.class, find(dns, "not a name"));
        }
    }
}
