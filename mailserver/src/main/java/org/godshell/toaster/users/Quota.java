package org.godshell.toaster.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's storage quota in the passwd-file's extra fields, in the form Dovecot's quota plugin reads from a
 * passwd-file userdb: {@code userdb_quota_rule=*:storage=1G}. Sizes take Dovecot's suffixes ({@code b k M G T},
 * any case); a bare number is kilobytes, as in Dovecot; {@code 0} means no limit. Other extra fields are kept as
 * they are, so a line edited for Dovecot keeps its other settings.
 */
final class Quota {

    private static final String FIELD = "userdb_quota_rule=*:storage=";
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([bkmgtBKMGT]?)");

    private Quota() {
    }

    /** The limit in bytes that {@code extra} sets; empty when it sets none (or 0, unlimited, or a form we cannot read). */
    static OptionalLong parse(String extra) {
        for (String field : extra.trim().split("\\s+")) {
            if (field.startsWith(FIELD)) {
                OptionalLong bytes = bytes(field.substring(FIELD.length()));
                return bytes.isPresent() && bytes.getAsLong() > 0 ? bytes : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** {@code 500M}, {@code 2G}, {@code 1048576b} or a bare number of kilobytes, in bytes; empty when malformed. */
    static OptionalLong bytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "b" -> 0;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 10;
        };
        if (value > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value << shift);
    }

    /** The quota {@code extra} sets as written ({@code 500M}); empty when none, 0 or a form we cannot read. */
    static Optional<String> text(String extra) {
        for (String field : extra.trim().split("\\s+")) {
            if (field.startsWith(FIELD)) {
                String size = field.substring(FIELD.length());
                OptionalLong bytes = bytes(size);
                return bytes.isPresent() && bytes.getAsLong() > 0 ? Optional.of(size) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code extra} with its quota field replaced by {@code size} (a valid size), or removed when empty. */
    static String with(String extra, String size) {
        List<String> fields = new ArrayList<>();
        for (String field : extra.trim().split("\\s+")) {
            if (!field.isEmpty() && !field.startsWith(FIELD)) {
                fields.add(field);
            }
        }
        if (!size.isEmpty()) {
            fields.add(FIELD + size);
        }
        return String.join(" ", fields);
    }
}
