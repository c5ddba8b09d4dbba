package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client of the running smtpd sees, each on a new connection, since an edit applies from the next one:
 * the greeting, the EHLO keywords, the replies to MAIL and RCPT, the certificate of STARTTLS; and a message
 * queued for delivery.
 */
public final class Smtp {

    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 ok \\d+ qp (\\S+)");

    private Smtp() {
    }

    static String greeting(Installation t) throws Exception {
        try (Talk talk = Talk.to(t.smtpPort)) {
            return talk.reply();
        }
    }

    /** The reply to EHLO, every line. */
    static String ehlo(Installation t) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            return talk.smtp("EHLO client.test");
        }
    }

    /** The reply to {@code MAIL FROM:<sender>}. */
    static String mailFrom(Installation t, String sender) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            assertTrue(talk.smtp("EHLO client.test").startsWith("250"));
            return talk.smtp("MAIL FROM:<" + sender + ">");
        }
    }

    /** The reply code of each RCPT of one transaction from {@link Installation#USER}. */
    static List<Integer> rcpts(Installation t, String... recipients) throws Exception {
        return replies(t, Installation.USER, recipients).stream().map(reply -> Integer.parseInt(reply.substring(0, 3)))
                .toList();
    }

    /** The reply to each RCPT of one transaction from {@code sender}. */
    static List<String> replies(Installation t, String sender, String... recipients) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            assertTrue(talk.smtp("EHLO client.test").startsWith("250"));
            assertEquals("250 2.1.0 ok", talk.smtp("MAIL FROM:<" + sender + ">"));
            List<String> replies = new ArrayList<>();
            for (String recipient : recipients) {
                replies.add(talk.smtp("RCPT TO:<" + recipient + ">"));
            }
            talk.smtp("QUIT");
            return replies;
        }
    }

    static int rcpt(Installation t, String recipient) throws Exception {
        return rcpts(t, recipient).getFirst();
    }

    /** The subject of the certificate STARTTLS presents, to a client that names {@code sni} (or no host). */
    static String certificate(Installation t, Optional<String> sni) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            assertTrue(talk.smtp("EHLO client.test").contains("STARTTLS"));
            assertTrue(talk.smtp("STARTTLS").startsWith("220"));
            return Talk.name(talk.tls(sni));
        }
    }

    /** The AUTH line of EHLO inside TLS (AUTH is offered only there). */
    static String authLine(Installation t) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            talk.smtp("EHLO client.test");
            assertTrue(talk.smtp("STARTTLS").startsWith("220"));
            talk.tls(Optional.empty());
            return talk.smtp("EHLO client.test").lines().map(line -> line.substring(4))
                    .filter(keyword -> keyword.startsWith("AUTH ")).findFirst().orElse("(no AUTH)");
        }
    }

    /** Queues a short message from {@code sender} and returns its queue id: delivery starts on it at once. */
    static String queue(Installation t, String sender, String... recipients) throws Exception {
        try (Talk talk = greeted(t.smtpPort)) {
            assertTrue(talk.smtp("EHLO client.test").startsWith("250"));
            assertEquals("250 2.1.0 ok", talk.smtp("MAIL FROM:<" + sender + ">"));
            for (String recipient : recipients) {
                assertEquals("250 2.1.5 ok", talk.smtp("RCPT TO:<" + recipient + ">"), recipient);
            }
            assertTrue(talk.smtp("DATA").startsWith("354"));
            talk.send("Subject: reload test\r\n\r\nA message for " + String.join(", ", recipients) + ".\r\n.");
            String reply = talk.reply();
            Matcher queued = QUEUED.matcher(reply);
            assertTrue(queued.matches(), reply);
            talk.smtp("QUIT");
            return queued.group(1);
        }
    }

    /** Sends {@code message} (CRLF lines, its header first) from outside and returns the reply to its final dot. */
    static String message(Installation t, String sender, String recipient, String message) throws Exception {
        return message(t.smtpPort, sender, recipient, message);
    }

    /** As {@link #message(Installation, String, String, String)}, to the smtpd at 127.0.0.1:{@code port}. */
    public static String message(int port, String sender, String recipient, String message) throws Exception {
        try (Talk talk = greeted(port)) {
            assertTrue(talk.smtp("EHLO client.test").startsWith("250"));
            String reply = transaction(talk, sender, recipient, message);
            talk.smtp("QUIT");
            return reply;
        }
    }

    /**
     * One transaction of {@code message} (CRLF lines, its header first, no line starting with a dot) on a session
     * past EHLO, and AUTH where it needs one; returns the reply to the final dot.
     */
    public static String transaction(Talk talk, String sender, String recipient, String message) throws IOException {
        assertEquals("250 2.1.0 ok", talk.smtp("MAIL FROM:<" + sender + ">"));
        assertEquals("250 2.1.5 ok", talk.smtp("RCPT TO:<" + recipient + ">"), recipient);
        assertTrue(talk.smtp("DATA").startsWith("354"));
        talk.send(message + ".");
        return talk.reply();
    }

    /** A new connection to 127.0.0.1:{@code port}, its 220 greeting read. */
    public static Talk greeted(int port) throws Exception {
        Talk talk = Talk.to(port);
        String greeting = talk.reply();
        if (!greeting.startsWith("220")) {
            talk.close();
            throw new AssertionError("expected a 220 greeting, got " + greeting);
        }
        return talk;
    }

    /**
     * A session that the daemon let in (greeted with {@code ok}), to hold open: sessions of earlier scenarios may
     * still be ending on the server's side, and count against a limit until they have.
     */
    static Talk admitted(int port, String ok) throws Exception {
        return Await.value("a session is let in", () -> {
            Talk talk = Talk.to(port);
            if (talk.line().orElse("").startsWith(ok)) {
                return Optional.of(talk);
            }
            talk.close();
            return Optional.empty();
        });
    }
}
