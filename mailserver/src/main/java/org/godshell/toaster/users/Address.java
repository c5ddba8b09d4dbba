package org.godshell.toaster.users;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mailbox of the store, {@code local@domain}, both parts lowercase. The parts become directory names
 * ({@code domains/<domain>/<local>/}), so the rules are narrower than RFC 5321 allows: a local part is
 * {@code [a-z0-9._+-]}, 1 to 64 characters (RFC 5321 §4.5.3.1.1), with no dot first or last and no
 * {@code ..}; a domain is a DNS name in ASCII (A-labels for IDNs). Nothing else can name a path, so neither
 * {@code ..}, {@code /}, NUL nor a line break can ever reach the file system or the passwd file.
 *
 * <p>Input is lowercased first, as Dovecot's default {@code auth_username_format=%Lu} does, so
 * {@code Ann@Example.COM} and {@code ann@example.com} are the same user.
 */
public record Address(String local, String domain) {

    /** At most 64 octets in a local part: RFC 5321 §4.5.3.1.1. */
    public static final int MAX_LOCAL = 64;

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9+_-]+(\\.[a-z0-9+_-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public Address {
        if (!validLocal(local) || !validDomain(domain)) {
            throw new IllegalArgumentException("not a store address: " + local + "@" + domain);
        }
    }

    /** The address, or empty when it is not one the store can hold. Never throws, whatever the input. */
    public static Optional<Address> parse(String text) {
        if (text == null || text.length() > MAX_LOCAL + 1 + 253 || !ascii(text)) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        return validLocal(local) && validDomain(domain) ? Optional.of(new Address(local, domain)) : Optional.empty();
    }

    /** Like {@link #parse} but says what is wrong, for the CLI. */
    public static Address require(String text) throws UserStoreException {
        Optional<Address> parsed = parse(text);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        if (text == null || text.indexOf('@') < 0) {
            throw new UserStoreException("\"" + printable(text) + "\" is not an address: write user@domain");
        }
        if (!ascii(text)) {
            throw new UserStoreException("\"" + printable(text) + "\" has characters outside ASCII: user names are"
                    + " a-z 0-9 . _ + - and domains use their xn-- form");
        }
        String local = text.substring(0, text.lastIndexOf('@')).toLowerCase(Locale.ROOT);
        if (!validLocal(local)) {
            throw new UserStoreException("\"" + printable(local) + "\" cannot be a user name: use 1 to " + MAX_LOCAL
                    + " of a-z 0-9 . _ + - with no dot first, last or twice in a row (it becomes a directory name)");
        }
        return new Address(local, requireDomain(text.substring(text.lastIndexOf('@') + 1)));
    }

    /** A domain name, lowercased, or an error that says why it is not one. */
    public static String requireDomain(String text) throws UserStoreException {
        String lower = text == null || !ascii(text) ? "" : text.toLowerCase(Locale.ROOT);
        if (!validDomain(lower)) {
            throw new UserStoreException("\"" + printable(text) + "\" is not a domain name: use labels of a-z 0-9 -"
                    + " separated by dots (an internationalised name in its xn-- form)");
        }
        return lower;
    }

    /**
     * Lowercasing only after this check: {@code toLowerCase} maps some non-ASCII letters to ASCII ones (the
     * Kelvin sign to {@code k}), which would let a look-alike name reach another user's mailbox.
     */
    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    static boolean validLocal(String local) {
        return local != null && !local.isEmpty() && local.length() <= MAX_LOCAL && LOCAL.matcher(local).matches();
    }

    static boolean validDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Control characters shown escaped, so an error message cannot rewrite the admin's terminal. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
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

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
