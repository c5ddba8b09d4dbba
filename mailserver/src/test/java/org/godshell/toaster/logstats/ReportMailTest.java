package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The report as a message: its header, CRLF lines, and no line over 998 octets whatever the log held. */
class ReportMailTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:15:00Z");

    private static String write(String report) {
        return new String(ReportMail.write("mx.example.org", "postmaster@example.org", NOW,
                NOW.minusSeconds(86400), "0011aabb", report), StandardCharsets.UTF_8);
    }

    @Test
    void headerAndBody() {
        assertEquals("From: toaster stats <postmaster@mx.example.org>\r\n"
                + "To: <postmaster@example.org>\r\n"
                + "Date: Mon, 7 Dec 2026 06:15:00 +0000\r\n"
                + "Subject: toaster stats for mx.example.org since 2026-12-06T06:15:00Z\r\n"
                + "Message-ID: <stats.1796624100000.0011aabb@mx.example.org>\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "\r\n"
                + "a\r\n\r\nb\r\n", write("a\n\nb\n"));
    }

    @Test
    void utf8IsDeclaredAndLongLinesAreCut() {
        String mail = write("\u00e9".repeat(1000) + "\n" + "\ud83d\udce7".repeat(300) + "\n");
        assertTrue(mail.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"));
        for (String line : mail.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 998, line);
            assertFalse(line.chars().anyMatch(c -> c == '?' || c == 0xfffd), "no character cut in half: " + line);
        }
        assertTrue(mail.contains("\r\n" + "\ud83d\udce7".repeat(ReportMail.MAX_LINE) + "...\r\n"), mail);
        assertTrue(mail.contains("\r\n" + "\u00e9".repeat(ReportMail.MAX_LINE) + "...\r\n"), mail);
    }
}
