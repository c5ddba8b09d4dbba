package org.godshell.toaster.tlsrpt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.godshell.toaster.json.JsonText;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.Results;
import org.junit.jupiter.api.Test;

/** The report reads back as JSON with exactly the members of RFC 8460 §4.4, whatever hosts put in their names. */
class ReportJsonTest {

    private static final ReportHeader HEADER = new ReportHeader("mx.example.com", "example.net",
            LocalDate.of(2026, 3, 14));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value) {
        return (List<Object>) value;
    }

    @Test
    void theMembersAreExactlyTheRfcsAndTheCountsExact() {
        DayTally tally = new DayTally();
        AppliedPolicy sts = Results.sts("example.net");
        tally.add(Results.ok(sts));
        tally.add(Results.ok(sts));
        tally.add(Results.failed(sts, ResultType.CERTIFICATE_HOST_MISMATCH, "mx1.mail.example.net", "2001:db8::1",
                "the certificate names mx9.example.org"));
        tally.add(Results.failed(sts, ResultType.STARTTLS_NOT_SUPPORTED, "mx2.mail.example.net", null, ""));
        tally.add(Results.ok(AppliedPolicy.none("example.net")));

        Map<String, Object> report = object(JsonReading.parse(ReportJson.write(HEADER, tally.policies("example.net"))));
        assertEquals(Set.of("organization-name", "date-range", "contact-info", "report-id", "policies"),
                report.keySet());
        assertEquals("mx.example.com", report.get("organization-name"));
        assertEquals(Map.of("start-datetime", "2026-03-14T00:00:00Z", "end-datetime", "2026-03-14T23:59:59Z"),
                report.get("date-range"));
        assertEquals("postmaster@mx.example.com", report.get("contact-info"));
        assertEquals(HEADER.reportId(), report.get("report-id"));

        List<Object> policies = array(report.get("policies"));
        assertEquals(2, policies.size());
        Map<String, Object> first = object(policies.get(0));
        assertEquals(Set.of("policy", "summary", "failure-details"), first.keySet());
        assertEquals(Map.of("policy-type", "sts", "policy-string", sts.policyStrings(),
                "policy-domain", "example.net", "mx-host", List.of("*.mail.example.net")), first.get("policy"));
        assertEquals(Map.of("total-successful-session-count", 2.0, "total-failure-session-count", 2.0),
                first.get("summary"));
        assertEquals(List.of(
                Map.of("result-type", "certificate-host-mismatch", "receiving-mx-hostname", "mx1.mail.example.net",
                        "receiving-ip", "2001:db8:0:0:0:0:0:1", "failed-session-count", 1.0,
                        "additional-information", "the certificate names mx9.example.org"),
                Map.of("result-type", "starttls-not-supported", "receiving-mx-hostname", "mx2.mail.example.net",
                        "failed-session-count", 1.0)), first.get("failure-details"));

        Map<String, Object> second = object(policies.get(1));
        assertEquals(Set.of("policy", "summary"), second.keySet());
        assertEquals(Map.of("policy-type", "no-policy-found", "policy-domain", "example.net"), second.get("policy"));
    }

    @Test
    void hostileNamesAndTextsAreEscapedAndReadBackUnchanged() {
        String hostile = "mx\"},{\"evil\":1}\\\n\r\t\u0000\u001f\u007f\u00e9\u2028\ud83d\ude00</script>";
        DayTally tally = new DayTally();
        AppliedPolicy policy = new AppliedPolicy(PolicyType.TLSA, "example.net", List.of(hostile), List.of());
        tally.add(Results.failed(policy, ResultType.TLSA_INVALID, hostile, "192.0.2.9", hostile));
        String json = ReportJson.write(HEADER, tally.policies("example.net"));
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);

        Map<String, Object> failure = object(array(object(array(object(JsonReading.parse(json)).get("policies"))
                .get(0)).get("failure-details")).get(0));
        assertEquals(hostile, failure.get("receiving-mx-hostname"));
        assertEquals(hostile, failure.get("additional-information"));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        StringBuilder out = new StringBuilder();
        JsonText.string(out, "a\ud800b\udc00");
        assertEquals("a\ufffdb\ufffd", JsonReading.parse(out.toString()));
    }

    @Test
    void theFileIsTheGzipOfTheJsonNamedAsSection51Says() throws Exception {
        DayTally tally = new DayTally();
        tally.add(Results.ok(Results.sts("example.net")));
        ReportFile file = ReportFile.of(HEADER, tally.policies("example.net"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.gzip()))) {
            assertArrayEquals(file.json().getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
        assertEquals("mx.example.com!example.net!1773446400!1773532799.json.gz", HEADER.fileName());
        assertEquals(HEADER.reportId(), new ReportHeader("mx.example.com", "example.net",
                LocalDate.of(2026, 3, 14)).reportId());
        assertTrue(HEADER.reportId().matches("2026-03-14\\.[0-9a-f]{16}@mx\\.example\\.com"), HEADER.reportId());
    }
}
