package org.godshell.toaster.deliver.bounce;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes a notice as RFC 3464 §2 lays it out: a {@code multipart/report; report-type=delivery-status} (RFC 6522)
 * of a human-readable {@code text/plain} part, the {@code message/delivery-status} part and the original's
 * headers as {@code text/rfc822-headers} — never its body.
 *
 * <p>The result is 7-bit with CRLF lines of at most 998 octets, so it can go through any relay without
 * 8BITMIME: the text part and the headers part are quoted-printable when they hold anything but printable
 * ASCII or an over-long line (rather than {@code 8bit}, which a hop without 8BITMIME would have to refuse or
 * convert). The one exception is a non-ASCII address in {@code To:}, raw UTF-8 (RFC 6532 §3.2), which only an
 * SMTPUTF8 hop can deliver to anyway.
 */
final class DsnWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    /** RFC 5322 §2.1.1. */
    private static final int MAX_LINE = 998;

    private DsnWriter() {
    }

    /** The notice's bytes, addressed to {@code to} (already a valid mailbox). */
    static byte[] write(Report report, String to, RandomGenerator random) {
        Part text = textPart(report);
        Part status = new Part("Content-Description: Delivery report\r\n"
                + "Content-Type: message/delivery-status\r\n", StatusPart.body(report));
        Part headers = headersPart(report);
        List<Part> parts = List.of(text, status, headers);
        String boundary = boundary(parts, random);

        StringBuilder out = new StringBuilder();
        String me = report.reportingMta();
        out.append("From: MAILER-DAEMON@").append(me).append(" (Mail Delivery System)\r\n");
        out.append("To: ").append(to).append("\r\n");
        out.append("Subject: ").append(report.kind().subject).append("\r\n");
        out.append("Date: ").append(Sanitize.date(report.now())).append("\r\n");
        out.append("Message-ID: ").append(messageId(report, random)).append("\r\n");
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/report; report-type=delivery-status;\r\n");
        out.append("\tboundary=\"").append(boundary).append("\"\r\n");
        out.append("Content-Transfer-Encoding: 7bit\r\n");
        // RFC 3834 §5: marks the notice as automatic, so that no vacation responder answers it.
        out.append("Auto-Submitted: auto-replied\r\n");
        out.append("\r\n");
        out.append("This is a MIME-encapsulated message: a delivery status notification (RFC 3464).\r\n");
        for (Part part : parts) {
            out.append("\r\n--").append(boundary).append("\r\n");
            out.append(part.head()).append("\r\n").append(part.body());
        }
        out.append("\r\n--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Message-ID: unique by time and 64 random bits; {@link Bounces} recognises our own by its form. */
    static String messageId(Report report, RandomGenerator random) {
        return "<" + STAMP.format(report.now()) + "." + hex(random, 8) + ".dsn@" + report.reportingMta() + ">";
    }

    private record Part(String head, String body) {
    }

    private static Part textPart(Report report) {
        List<byte[]> lines = new ArrayList<>();
        boolean plain = true;
        for (String line : HumanText.lines(report)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            plain &= bytes.length <= MAX_LINE && line.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
            lines.add(bytes);
        }
        String head = "Content-Description: Notification\r\n";
        return plain
                ? new Part(head + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n",
                        join(lines))
                : new Part(head + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n", QuotedPrintable.encode(lines));
    }

    private static Part headersPart(Report report) {
        List<byte[]> lines = new ArrayList<>();
        boolean plain = true;
        for (List<byte[]> field : report.headers().fields()) {
            for (byte[] line : field) {
                plain &= line.length <= MAX_LINE && isPrintable(line);
                lines.add(line);
            }
        }
        String head = "Content-Description: " + (report.kind() == Kind.FAILED ? "Undelivered" : "Delayed")
                + " Message Headers\r\nContent-Type: text/rfc822-headers\r\n";
        return plain
                ? new Part(head + "Content-Transfer-Encoding: 7bit\r\n", join(lines))
                : new Part(head + "Content-Transfer-Encoding: quoted-printable\r\n", QuotedPrintable.encode(lines));
    }

    /** Printable ASCII and HTAB only: no NUL, no bare CR, no 8-bit byte. */
    private static boolean isPrintable(byte[] line) {
        for (byte b : line) {
            if ((b < 0x20 || b >= 0x7f) && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String join(List<byte[]> asciiLines) {
        StringBuilder out = new StringBuilder();
        for (byte[] line : asciiLines) {
            out.append(new String(line, StandardCharsets.US_ASCII)).append("\r\n");
        }
        return out.toString();
    }

    /**
     * A random boundary that occurs in no part (RFC 2046 §5.1.1 asks that it not appear in the encapsulated
     * text). "=_" cannot occur in quoted-printable output; the check covers the 7-bit parts.
     */
    private static String boundary(List<Part> parts, RandomGenerator random) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String candidate = "=_dsn_" + hex(random, 12);
            if (parts.stream().noneMatch(p -> p.body().contains(candidate) || p.head().contains(candidate))) {
                return candidate;
            }
        }
        // 100 draws of 96 random bits that all occur in the content: the generator is broken.
        throw new IllegalStateException("no MIME boundary found that does not occur in the notice");
    }

    private static String hex(RandomGenerator random, int bytes) {
        StringBuilder out = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16)).append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
