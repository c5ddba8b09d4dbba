package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Reply;

/**
 * A plugin's {@code C} line gives the address that replaces the client's; it goes through the same path parser.
 * One that does not parse fails closed, as any plugin failure: 451 and nothing changed.
 */
final class ChangedAddress {

    private ChangedAddress() {}

    static Reply invalid(String address) {
        String shown = address.length() > 60 ? address.substring(0, 60) + "..." : address;
        return Reply.of(451, "4.3.0", "qmail-spp failure: C gave an invalid address <"
                + shown.replaceAll("[\\x00-\\x1f\\x7f]", "?") + "> (#4.3.0)");
    }
}
