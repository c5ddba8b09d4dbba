package org.godshell.toaster.users.sql;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.users.UserBackend;

/**
 * What the toaster's own edits can never write but a row written by hand (or a table whose checks were dropped)
 * can hold: such an alias is reported and its mail deferred, never delivered to a target the toaster would
 * have refused.
 */
final class Rows {

    private Rows() {
    }

    /** Why an alias's targets cannot be used, or empty when they can. */
    static Optional<String> aliasProblem(List<String> targets) {
        if (targets.size() > UserBackend.MAX_ALIAS_TARGETS) {
            return Optional.of("it has more than " + UserBackend.MAX_ALIAS_TARGETS + " targets");
        }
        for (String target : targets) {
            if (!wellFormed(target)) {
                return Optional.of("\"" + printable(target) + "\" is not a target address");
            }
        }
        return Optional.empty();
    }

    /**
     * The schema's check on {@code aliases.target}, said again where the target is used; like AliasTarget, no
     * text that /etc/aliases would read as a pipe, a file or an include, though the toaster would never run one.
     */
    static boolean wellFormed(String target) {
        int at = target.lastIndexOf('@');
        if (at <= 0 || at != target.indexOf('@') || target.length() > 320 || target.startsWith("|")
                || target.startsWith("/") || target.startsWith(":include:")) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == '\\'
                    || i > at && !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return at < target.length() - 1;
    }

    /** Control characters escaped and the length bounded, so that a message cannot rewrite a terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
