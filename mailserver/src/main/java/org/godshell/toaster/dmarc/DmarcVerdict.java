package org.godshell.toaster.dmarc;

import java.util.Objects;
import java.util.Optional;

/**
 * The DMARC verdict on one message: the result, what to do with the message (the disposition), and why.
 *
 * @param result       pass, fail, none, temperror or permerror
 * @param disposition  what applies to the message: the requested policy for a fail selected by {@code pct=},
 *                     the next weaker one for a fail left out of the sample (§6.6.4), {@code reject} for a
 *                     message without a single usable From, {@code none} otherwise
 * @param author       the From domain judged (A-labels, lower case); empty when there is none
 * @param recordDomain where the policy was found: the author domain or its organizational domain
 * @param record       the policy, when one was found
 * @param reason       why, in words, for logs and plugins (printable ASCII, no line breaks)
 */
public record DmarcVerdict(DmarcResult result, Policy disposition, Optional<String> author,
        Optional<String> recordDomain, Optional<DmarcRecord> record, String reason) {

    public DmarcVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(recordDomain, "recordDomain");
        Objects.requireNonNull(record, "record");
        reason = reason.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The policy the record asks for this author: {@code p=}, or {@code sp=} for a subdomain (§6.3). */
    public Optional<Policy> requested() {
        return record.map(r -> r.policyFor(author.orElseThrow(), recordDomain.orElseThrow()));
    }

    static DmarcVerdict without(DmarcResult result, Policy disposition, Optional<String> author, String reason) {
        return new DmarcVerdict(result, disposition, author, Optional.empty(), Optional.empty(), reason);
    }
}
