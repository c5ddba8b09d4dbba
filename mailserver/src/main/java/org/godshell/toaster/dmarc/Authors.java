package org.godshell.toaster.dmarc;

import java.util.List;

/**
 * The RFC5322.From of a message as DMARC reads it (RFC 7489 §6.6.1): how many From header fields it has, and
 * the domain of every mailbox in them, in order, as written (any case, A- or U-labels). The caller parses the
 * header; DMARC judges what it found.
 *
 * @param fields  how many {@code From:} header fields the message has (RFC 5322 §3.6 allows exactly one)
 * @param domains the domain of each mailbox of those fields
 */
public record Authors(int fields, List<String> domains) {

    public Authors {
        domains = List.copyOf(domains);
        if (fields < 0) {
            throw new IllegalArgumentException("fields: " + fields);
        }
    }

    /** The usual message: one From field with one mailbox. */
    public static Authors of(String domain) {
        return new Authors(1, List.of(domain));
    }
}
