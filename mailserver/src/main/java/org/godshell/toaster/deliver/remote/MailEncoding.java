package org.godshell.toaster.deliver.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.smtpc.Extensions;

/**
 * What MAIL FROM says about the message's encoding to one host, and which recipients that host cannot take.
 *
 * <ul>
 *   <li>SMTPUTF8 (RFC 6531 §3.4) is asked for when the client asked for it or an address is not ASCII. When the
 *   host does not offer it, a non-ASCII address cannot be sent to it at all (there is no downgrade for a UTF-8
 *   local part), so such recipients, and all of them when the sender is not ASCII, get a 5.6.7 of this host
 *   and go on to the next host ({@link Attempt.PassOn}). A message whose addresses are ASCII goes as it is even
 *   when its headers are UTF-8, as qmail sends everything: the host sees 8-bit header bytes, which nearly
 *   every server keeps. (Postfix returns such a message with 5.6.7 when its client asked for SMTPUTF8.)</li>
 *   <li>{@code BODY=8BITMIME} (RFC 6152 §3) is said when the client said it and the host offers 8BITMIME. A host
 *   that does not offer it gets the 8-bit body as it is, unconverted, as qmail sends it. RFC 6152 §3 asks for
 *   a conversion to 7-bit MIME or a bounce instead, and Postfix converts to quoted-printable by default;
 *   converting would break signatures (DKIM), and servers without 8BITMIME keep 8-bit bytes in practice.</li>
 * </ul>
 *
 * @param parameters   the MAIL FROM parameters to add, each with its leading space
 * @param sendable     the recipients to send, in order
 * @param needSmtputf8 the others, each with the 5.6.7 of this host
 */
record MailEncoding(String parameters, List<String> sendable, Map<String, Diagnosis> needSmtputf8) {

    static MailEncoding of(Extensions offered, MessageSource message, String sender, List<String> recipients,
                           Target host) {
        boolean utf8Addresses = !ascii(sender) || !recipients.stream().allMatch(MailEncoding::ascii);
        String parameters = (message.eightBitMime() && offered.eightBitMime() ? " BODY=8BITMIME" : "")
                + ((message.smtputf8() || utf8Addresses) && offered.smtputf8() ? " SMTPUTF8" : "");
        List<String> sendable = new ArrayList<>();
        Map<String, Diagnosis> needSmtputf8 = new LinkedHashMap<>();
        for (String recipient : recipients) {
            if (offered.smtputf8() || ascii(sender) && ascii(recipient)) {
                sendable.add(recipient);
            } else {
                needSmtputf8.put(recipient, Diagnoses.connection("5.6.7", host,
                        "the host does not offer SMTPUTF8, which the non-ASCII address "
                        + (ascii(sender) ? recipient : sender) + " needs (RFC 6531 §3.4)"));
            }
        }
        return new MailEncoding(parameters, sendable, needSmtputf8);
    }

    private static boolean ascii(String address) {
        return address.chars().allMatch(c -> c < 0x80);
    }
}
