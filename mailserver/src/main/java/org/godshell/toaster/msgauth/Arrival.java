package org.godshell.toaster.msgauth;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What smtpd knows of a message when its data has ended.
 *
 * @param client   the client's address (the one a PROXY header named, behind a proxy)
 * @param helo     the HELO/EHLO argument
 * @param mailFrom the MAIL FROM address, empty for {@code <>}
 * @param recipients the accepted RCPT addresses
 * @param trusted  the client may relay (RELAYCLIENT) or logged in: the message is one of ours to sign, not one
 *                 to judge
 * @param login    the AUTH identity, when the client logged in: its mail is signed only for the login's domain
 */
public record Arrival(InetAddress client, String helo, String mailFrom, List<String> recipients, boolean trusted,
        Optional<String> login) {

    public Arrival {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(login, "login");
    }
}
