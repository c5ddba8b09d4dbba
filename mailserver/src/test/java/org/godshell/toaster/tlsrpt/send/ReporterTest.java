package org.godshell.toaster.tlsrpt.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A day's reports: by mail into a real queue, by HTTPS to a loopback endpoint, and to nobody who did not ask. */
class ReporterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T00:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path prefix;

    private static void results(Fixture fixture) throws Exception {
        AppliedPolicy net = Results.sts("example.net");
        fixture.write(DAY, List.of(Results.ok(net), Results.ok(net),
                Results.failed(net, ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", "192.0.2.1", ""),
                Results.ok(AppliedPolicy.none("example.org")),
                Results.ok(AppliedPolicy.none("broken.example")),
                Results.ok(AppliedPolicy.none("missing.example")),
                Results.ok(AppliedPolicy.none("example.com"))));
    }

    private static void records(Fixture fixture) {
        fixture.dns.txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:tlsrpt@example.net")
                .txt("_smtp._tls.example.org.", "v=TLSRPTv1; rua=" + fixture.server.uri("/tlsrpt"))
                .txt("_smtp._tls.broken.example.", "v=TLSRPTv1; rua=gopher://broken.example/")
                .txt("_smtp._tls.example.com.", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
    }

    @Test
    void reportsGoByMailAndHttpsToTheDomainsThatAskOnly() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            results(fixture);
            records(fixture);
            List<String> lines = new ArrayList<>();
            Reporter.Summary summary = fixture.reporter.run(DAY, false, lines::add);
            assertEquals(new Reporter.Summary(5, 2, 2, 0), summary, lines.toString());

            List<QueueId> queued = fixture.queue.list();
            assertEquals(1, queued.size(), lines.toString());
            QueuedMessage mail = fixture.queue.read(queued.get(0));
            assertEquals("postmaster@mx.example.com", mail.envelope().sender());
            assertEquals(List.of("tlsrpt@example.net"), mail.envelope().recipients());
            checkMail(mail, "example.net");

            assertEquals(1, fixture.server.requests.size());
            ReportServer.Request post = fixture.server.requests.get(0);
            assertEquals("POST", post.method());
            assertEquals("/tlsrpt", post.path());
            assertEquals("application/tlsrpt+gzip", post.contentType());
            Map<?, ?> report = (Map<?, ?>) JsonReading.parse(Fixture.gunzip(post.body()));
            Map<?, ?> policy = (Map<?, ?>) ((Map<?, ?>) ((List<?>) report.get("policies")).get(0)).get("policy");
            assertEquals("example.org", policy.get("policy-domain"));

            String all = String.join("\n", lines);
            assertTrue(all.contains("broken.example: no report: the TLSRPT record"), all);
            assertTrue(all.contains("missing.example: no report: no TXT record"), all);
            assertTrue(all.contains("example.com: one of our own domains, no report"), all);
        }
    }

    private static void checkMail(QueuedMessage queued, String domain) throws Exception {
        Message message;
        try (InputStream in = queued.openMessage()) {
            message = new DefaultMessageBuilder().parseMessage(in);
        }
        assertEquals("multipart/report", message.getMimeType());
        ContentTypeField type = (ContentTypeField) message.getHeader().getField("Content-Type");
        assertEquals("tlsrpt", type.getParameter("report-type"));
        String id = new org.godshell.toaster.tlsrpt.report.ReportHeader(Fixture.ME, domain, DAY).reportId();
        assertEquals("Report Domain: " + domain + " Submitter: " + Fixture.ME + " Report-ID: <" + id + ">",
                message.getSubject().replaceAll("\\s+", " "));
        assertEquals(domain, message.getHeader().getField("TLS-Report-Domain").getBody());
        assertEquals(Fixture.ME, message.getHeader().getField("TLS-Report-Submitter").getBody());
        assertEquals("postmaster@mx.example.com", message.getFrom().get(0).getAddress());

        Multipart parts = assertInstanceOf(Multipart.class, message.getBody());
        assertEquals(2, parts.getBodyParts().size());
        Entity text = parts.getBodyParts().get(0);
        assertEquals("text/plain", text.getMimeType());
        assertInstanceOf(TextBody.class, text.getBody());
        Entity attachment = parts.getBodyParts().get(1);
        assertEquals("application/tlsrpt+gzip", attachment.getMimeType());
        assertEquals("base64", attachment.getContentTransferEncoding());
        assertEquals(Fixture.ME + "!" + domain + "!1773446400!1773532799.json.gz", attachment.getFilename());
        byte[] gzip;
        try (InputStream in = assertInstanceOf(BinaryBody.class, attachment.getBody()).getInputStream()) {
            gzip = in.readAllBytes();
        }
        Map<?, ?> report = (Map<?, ?>) JsonReading.parse(Fixture.gunzip(gzip));
        assertEquals(id, report.get("report-id"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) report.get("policies")).get(0);
        assertEquals(Map.of("total-successful-session-count", 2.0, "total-failure-session-count", 1.0),
                first.get("summary"));
    }

    @Test
    void aDryRunSendsNothingAndPrintsTheReports() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            results(fixture);
            records(fixture);
            List<String> lines = new ArrayList<>();
            Reporter.Summary summary = fixture.reporter.run(DAY, true, lines::add);
            assertEquals(new Reporter.Summary(5, 2, 0, 0), summary);
            assertEquals(List.of(), fixture.queue.list());
            assertEquals(List.of(), fixture.server.requests);
            assertTrue(lines.stream().anyMatch(line -> line.contains("would send") && line.contains("mailto:"
                    + "tlsrpt@example.net")), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("{\"organization-name\"")), lines.toString());
        }
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            fixture.write(DAY, List.of(Results.ok(AppliedPolicy.none("example.org"))));
            fixture.dns.txt("_smtp._tls.example.org.", "v=TLSRPTv1; rua=" + fixture.server.uri("/moved"));
            List<String> lines = new ArrayList<>();
            assertEquals(new Reporter.Summary(1, 1, 0, 1), fixture.reporter.run(DAY, false, lines::add));
            assertEquals(1, fixture.server.requests.size());
            assertTrue(lines.stream().anyMatch(line -> line.contains("answered 302")), lines.toString());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK);
             ReportServer stranger = new ReportServer(java.nio.file.Files.createDirectories(prefix.resolve("other")))) {
            fixture.write(DAY, List.of(Results.ok(AppliedPolicy.none("example.org"))));
            fixture.dns.txt("_smtp._tls.example.org.", "v=TLSRPTv1; rua=" + stranger.uri("/tlsrpt"));
            List<String> lines = new ArrayList<>();
            assertEquals(new Reporter.Summary(1, 1, 0, 1), fixture.reporter.run(DAY, false, lines::add));
            assertEquals(List.of(), stranger.requests);
        }
    }

    @Test
    void aDayWithoutResultsSendsNothing() throws Exception {
        try (Fixture fixture = new Fixture(prefix, CLOCK)) {
            records(fixture);
            assertEquals(new Reporter.Summary(0, 0, 0, 0), fixture.reporter.run(DAY, false, line -> { }));
            assertEquals(List.of(), fixture.queue.list());
        }
    }
}
