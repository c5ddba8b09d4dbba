package org.godshell.toaster.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code RCPT TO:} argument.
 *
 * @param recipient  the forward path's mailbox, source route dropped; {@code Mailbox("postmaster", "")} for
 *                   the bare {@code <postmaster>}
 * @param parameters the ESMTP parameters in the order given, keys upper-cased, value null without "="
 */
public record RcptArguments(Mailbox recipient, Map<String, String> parameters) {

    public RcptArguments {
        Objects.requireNonNull(recipient, "recipient");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
