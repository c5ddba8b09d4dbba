package org.godshell.toaster.qmailimport;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vpopmail's quota field, the Maildir++ quota string: {@code NONE}, {@code 52428800S} (bytes),
 * {@code 52428800S,1000C} (bytes and messages) or {@code 1000C}. A bare number is bytes, as vpopmail's
 * {@code format_maildirquota} writes it with an {@code S} appended.
 *
 * @param bytes    the storage limit, empty when none
 * @param messages the message-count limit, empty when none
 */
public record VpopQuota(OptionalLong bytes, OptionalLong messages) {

    private static final Pattern PART = Pattern.compile("([0-9]{1,18})([SC]?)");

    public static final VpopQuota NONE = new VpopQuota(OptionalLong.empty(), OptionalLong.empty());

    /** The quota of a field, or empty when it is not one of the forms above. */
    static Optional<VpopQuota> parse(String field) {
        if (field.isEmpty() || field.equalsIgnoreCase("NONE")) {
            return Optional.of(NONE);
        }
        String[] parts = field.split(",", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        OptionalLong bytes = OptionalLong.empty();
        OptionalLong messages = OptionalLong.empty();
        for (String part : parts) {
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                return Optional.empty();
            }
            long value = Long.parseLong(m.group(1));
            if (m.group(2).equals("C") && messages.isEmpty()) {
                messages = OptionalLong.of(value);
            } else if (!m.group(2).equals("C") && bytes.isEmpty() && messages.isEmpty()) {
                bytes = OptionalLong.of(value);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new VpopQuota(bytes, messages));
    }
}
