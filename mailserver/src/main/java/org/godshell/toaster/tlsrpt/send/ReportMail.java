package org.godshell.toaster.tlsrpt.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.godshell.toaster.tlsrpt.report.ReportFile;
import org.godshell.toaster.tlsrpt.report.ReportHeader;

/**
 * The mail that carries a report (RFC 8460 §5.3): {@code multipart/report; report-type="tlsrpt"} with a short
 * text part and the gzip as {@code application/tlsrpt+gzip} in base64, named as §5.1 says; the headers
 * {@code TLS-Report-Domain} and {@code TLS-Report-Submitter} and the Subject
 * {@code Report Domain: D Submitter: S Report-ID: <id>}. {@code Auto-Submitted: auto-generated} (RFC 3834)
 * keeps vacation responders quiet. All of it is ASCII: the names are A-labels, the report is base64.
 */
final class ReportMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportMail() {
    }

    /** The whole message, CRLF lines. */
    static byte[] write(ReportFile report, String to, Instant now) {
        ReportHeader header = report.header();
        String boundary = "tlsrpt-" + header.reportId().hashCode() + "-" + header.begin();
        StringBuilder out = new StringBuilder(report.gzip().length * 4 / 3 + 2048);
        line(out, "From: " + header.contact());
        line(out, "To: " + to);
        line(out, "Date: " + DATE.format(now));
        line(out, "Subject: Report Domain: " + header.policyDomain());
        line(out, " Submitter: " + header.submitter());
        line(out, " Report-ID: <" + header.reportId() + ">");
        line(out, "Message-ID: <" + header.reportId() + ">");
        line(out, "TLS-Report-Domain: " + header.policyDomain());
        line(out, "TLS-Report-Submitter: " + header.submitter());
        line(out, "Auto-Submitted: auto-generated");
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: multipart/report; report-type=\"tlsrpt\";");
        line(out, " boundary=\"" + boundary + "\"");
        line(out, "");
        line(out, "This is a multipart message in MIME format.");
        line(out, "");
        line(out, "--" + boundary);
        line(out, "Content-Type: text/plain; charset=\"us-ascii\"");
        line(out, "Content-Transfer-Encoding: 7bit");
        line(out, "");
        line(out, "This is an aggregate TLS report (RFC 8460) from " + header.submitter() + " about mail to");
        line(out, header.policyDomain() + " on " + header.day() + " (UTC).");
        line(out, "");
        line(out, "--" + boundary);
        line(out, "Content-Type: " + ReportFile.MEDIA_TYPE);
        line(out, "Content-Transfer-Encoding: base64");
        line(out, "Content-Disposition: attachment;");
        line(out, " filename=\"" + header.fileName() + "\"");
        line(out, "");
        out.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(report.gzip()));
        line(out, "");
        line(out, "--" + boundary + "--");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append("\r\n");
    }
}
