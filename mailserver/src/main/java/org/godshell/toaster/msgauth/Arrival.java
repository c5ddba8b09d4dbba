package org.godshell.toaster.msgauth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What smtpd knows of a message when its data has ended.
 *
 * @param client   the client's address (the one a PROXY header named, behind a proxy)
 * @param helo     the HELO/EHLO argument
 * @param mailFrom the MAIL FROM address, empty for {@code <>}
 * @param trusted  the client may relay (RELAYCLIENT) or logged in: the message is one of ours to sign, not one
 *                 to judge
 */
public record Arrival(InetAddress client, String helo, String mailFrom, boolean trusted) {

    public Arrival {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
    }
}
