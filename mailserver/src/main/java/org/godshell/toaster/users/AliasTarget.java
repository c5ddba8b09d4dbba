package org.godshell.toaster.users;

import java.util.Locale;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;

/**
 * One target of an alias: a full address, local or remote, checked by the project's RFC 5321 path parser
 * (RFC 5321 §4.1.2 Mailbox) and narrowed to what an aliases line can hold unambiguously: ASCII only (an
 * internationalised domain in its xn-- form), a dot-string local part (no quoting, so a comma or a space can
 * never be part of an address), a domain name (no address literal), no source route. /etc/aliases' pipes,
 * files and {@code :include:} are not targets: the toaster never runs a program or writes a file for an alias.
 */
final class AliasTarget {

    private AliasTarget() {
    }

    /** A target as checked: the local part as written (only the receiving host may read it) and the domain lowercase. */
    record Parsed(String local, String domain) {
        @Override
        public String toString() {
            return local + "@" + domain;
        }
    }

    /** The target, or a {@link UserStoreException} whose message says what is wrong with it and how to write it. */
    static Parsed parse(String text) throws UserStoreException {
        if (text == null || text.isEmpty()) {
            throw new UserStoreException("an empty target: write target@domain");
        }
        char first = text.charAt(0);
        if (first == '|' || first == '/' || text.startsWith(":include:")) {
            throw new UserStoreException("\"" + Address.printable(text) + "\": pipes, files and :include: are not"
                    + " supported; a target is an address such as someone@example.org");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == '\\') {
                throw new UserStoreException("\"" + Address.printable(text) + "\" is not an address: no spaces,"
                        + " quotes, commas, angle brackets or characters outside ASCII (use xn-- domains)");
            }
        }
        if (first == '@' || text.indexOf('@') < 0) {
            throw new UserStoreException("\"" + Address.printable(text) + "\" is not a full address: write"
                    + " user@domain");
        }
        Mailbox mailbox;
        try {
            mailbox = PathParser.parseRcpt("TO:<" + text + ">", false).recipient();
        } catch (PathException e) {
            throw new UserStoreException("\"" + Address.printable(text) + "\" is not a valid address ("
                    + e.getMessage() + ")");
        }
        if (mailbox.domain().isEmpty() || mailbox.domain().startsWith("[")
                || !(mailbox.localPart() + "@" + mailbox.domain()).equals(text)) {
            throw new UserStoreException("\"" + Address.printable(text) + "\" is not a user@domain address with a"
                    + " domain name");
        }
        return new Parsed(mailbox.localPart(), mailbox.domain().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code target} obviously sends the mail of {@code name@domain} back to it: the same address, or a
     * plus-address of it ({@code name+x@domain}, which plus-addressing routes to {@code name}). Local parts are
     * compared without case, as the store reads them.
     */
    static boolean loopsTo(Parsed target, String name, String domain) {
        if (!target.domain().equals(domain)) {
            return false;
        }
        String local = target.local().toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return local.equals(name) || plus > 0 && local.substring(0, plus).equals(name);
    }
}
