package org.godshell.toaster.dkim;

import java.util.regex.Pattern;

/**
 * The domain names in signatures and key lookups: {@code d=}, the domain of {@code i=}, and {@code s=}. Only
 * A-labels (RFC 5890), at most 63 octets a label and 253 a name, so a name either is a valid DNS question or is
 * refused here with its reason, before any lookup.
 */
public final class Names {

    /** A letter-digit-hyphen label (RFC 5321 §4.1.2 sub-domain); selectors may also use '_', as DNS does. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern SELECTOR_LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private Names() {
    }

    /** Checks the domain of tag {@code tag}; a final dot is refused (RFC 6376 names have none). */
    public static String domain(String tag, String name) throws DkimError {
        return check(tag, name, LABEL);
    }

    /** Checks {@code s=}: one or more labels, as §3.1 allows ("s=subdivision.selector"). */
    static String selector(String name) throws DkimError {
        return check("s", name, SELECTOR_LABEL);
    }

    /** Whether {@code inner} is {@code outer} or one of its subdomains, ignoring case. */
    static boolean within(String inner, String outer) {
        String in = Text.lower(inner);
        String out = Text.lower(outer);
        return in.equals(out) || in.endsWith("." + out);
    }

    private static String check(String tag, String name, Pattern label) throws DkimError {
        if (name.isEmpty() || name.length() > 253) {
            throw DkimError.perm(tag + "= is empty or longer than a DNS name");
        }
        for (String part : name.split("\\.", -1)) {
            if (!label.matcher(part).matches()) {
                throw DkimError.perm(tag + "=" + Text.printable(name, 80) + " is not a domain name of ASCII labels");
            }
        }
        return name;
    }
}
