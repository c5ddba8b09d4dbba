package org.godshell.toaster.filter.rspamd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to check and its envelope, as rspamd's protocol passes them in request headers
 * (rspamd.com/doc/developers/protocol.html, "HTTP headers"): {@code From} (the envelope sender), one
 * {@code Rcpt} per recipient, {@code IP}, {@code Hostname}, {@code Helo}, {@code User} for an authenticated
 * client. The message itself is the request body, sent from its file. {@code Queue-Id} is not sent: a message
 * gets its queue id when it is committed, after the check.
 *
 * @param message  the message file, read as a stream when the request is sent
 * @param sender   the envelope sender, empty for the null reverse path ({@code <>}, RFC 5321 §4.5.5)
 * @param hostname the client's name as a milter gives it: its forward-confirmed name, or its address in
 *                 brackets when it has none (rspamd reads a leading {@code [} as "no name"); empty when the
 *                 lookup failed, and rspamd then looks the address up itself
 * @param user     the login of an authenticated client, if any
 */
public record RspamdRequest(Path message, String sender, List<String> recipients, String ip,
        Optional<String> hostname, String helo, Optional<String> user) {

    public RspamdRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(user, "user");
    }

    /**
     * The request line and headers for a body of {@code length} bytes, up to and including the empty line.
     * A value with a control character is refused, not cleaned: a CR or LF in it would end the header and let
     * whoever chose the value (a client's HELO, a plugin's {@code S} line) write headers of its own.
     */
    byte[] head(String host, long length) throws RspamdFailure {
        StringBuilder head = new StringBuilder("POST /checkv2 HTTP/1.1\r\n");
        header(head, "Host", host);
        header(head, "Content-Length", Long.toString(length));
        // rspamd takes the null reverse path written as SMTP writes it.
        header(head, "From", sender.isEmpty() ? "<>" : sender);
        for (String recipient : recipients) {
            header(head, "Rcpt", recipient);
        }
        if (!ip.isEmpty()) {
            header(head, "IP", ip);
        }
        if (hostname.isPresent()) {
            header(head, "Hostname", hostname.get());
        }
        if (!helo.isEmpty()) {
            header(head, "Helo", helo);
        }
        if (user.isPresent() && !user.get().isEmpty()) {
            header(head, "User", user.get());
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder head, String name, String value) throws RspamdFailure {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new RspamdFailure("control character in the " + name + " value '"
                    + RspamdVerdict.printable(value, 80) + "'; not sent");
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
