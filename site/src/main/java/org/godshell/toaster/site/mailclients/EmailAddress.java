package org.godshell.toaster.site.mailclients;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mail address as a client sends it to ask for its settings: a dot-atom local part (RFC 5322 §3.4.1, no
 * quoted strings and no comments), {@code @}, and a domain name of letters, digits and hyphens (RFC 1035 §2.3.1),
 * lower-cased. Anything else is refused, never repaired: the address may be written into a document.
 *
 * @param local  the local part, as given
 * @param domain the domain, lower case
 */
public record EmailAddress(String local, String domain) {

    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets. */
    public static final int MAX_LENGTH = 254;
    /** RFC 5321 §4.5.3.1.1. */
    static final int MAX_LOCAL = 64;

    private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        if (!validLocal(local) || domain(domain).filter(domain::equals).isEmpty()) {
            throw new IllegalArgumentException("not a mail address");
        }
    }

    /** The address in {@code text}, or empty when it is not one. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        if (at < 0 || !validLocal(text.substring(0, at))) {
            return Optional.empty();
        }
        return domain(text.substring(at + 1)).map(domain -> new EmailAddress(text.substring(0, at), domain));
    }

    /** {@code text} as a domain name in lower case (no trailing dot, at most 253 characters), or empty. */
    public static Optional<String> domain(String text) {
        if (text == null || text.isEmpty() || text.length() > 253) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(lower);
    }

    private static boolean validLocal(String local) {
        if (local == null || local.isEmpty() || local.length() > MAX_LOCAL) {
            return false;
        }
        for (String atom : local.split("\\.", -1)) {
            if (!ATOM.matcher(atom).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
