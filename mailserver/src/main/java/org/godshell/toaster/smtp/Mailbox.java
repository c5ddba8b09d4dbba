package org.godshell.toaster.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 5321 §4.1.2 mailbox as the peer gave it, with any source route already dropped.
 *
 * @param localPart the local part, unquoted: {@code "a b"@x} gives {@code a b}; case is kept, since only the
 *                  receiving host may interpret it (RFC 5321 §2.4)
 * @param domain    the domain as given (case kept), an address literal with its brackets ({@code [192.0.2.1]}),
 *                  or empty for the bare {@code <postmaster>} recipient of RFC 5321 §4.1.1.3
 */
public record Mailbox(String localPart, String domain) {

    public Mailbox {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    /** The domain lower-cased, for comparisons with rcpthosts and the like (domains are case-insensitive). */
    public String domainLower() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** True for the domain-less {@code <postmaster>} recipient. */
    public boolean isBarePostmaster() {
        return domain.isEmpty();
    }

    /**
     * {@code local@domain} in RFC 5321 form: the local part as a dot-string when it is one, else quoted
     * (RFC 5321 §4.1.2 asks senders to prefer the unquoted form). Parsing the result gives this mailbox back.
     */
    @Override
    public String toString() {
        String local = AddressSyntax.isDotString(localPart) ? localPart : AddressSyntax.quote(localPart);
        return domain.isEmpty() ? local : local + "@" + domain;
    }
}
