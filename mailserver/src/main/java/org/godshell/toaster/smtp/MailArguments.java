package org.godshell.toaster.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed {@code MAIL FROM:} argument.
 *
 * @param sender     the reverse path, empty for the null path {@code <>} (bounces, RFC 5321 §4.5.5)
 * @param parameters the ESMTP parameters in the order given, keys upper-cased, value null when the parameter
 *                   has no "="; which of them are supported is the session's decision
 */
public record MailArguments(Optional<Mailbox> sender, Map<String, String> parameters) {

    public MailArguments {
        Objects.requireNonNull(sender, "sender");
        // Values may be null, which Map.copyOf refuses.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The client asked for an SMTPUTF8 transaction (RFC 6531 §3.4). */
    public boolean smtputf8() {
        return parameters.containsKey("SMTPUTF8");
    }

    /**
     * The SIZE the client declared (RFC 1870), already checked to be 1 to 20 digits by the parser; a value over
     * {@link Long#MAX_VALUE} reads as {@link Long#MAX_VALUE}.
     */
    public OptionalLong size() {
        String value = parameters.get("SIZE");
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }
}
