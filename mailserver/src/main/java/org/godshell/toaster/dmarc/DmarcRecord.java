package org.godshell.toaster.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A domain owner's DMARC policy record (RFC 7489 §6.3), as published at {@code _dmarc.DOMAIN}, with the
 * defaults of §6.3 filled in. The reporting tags are kept as text: the toaster sends no reports yet.
 *
 * @param policy           {@code p=}
 * @param subdomainPolicy  {@code sp=}: for mail from a subdomain of the domain whose record this is; empty means
 *                         {@code p=} applies there too
 * @param percent          {@code pct=}: the share of failing mail the policy is applied to, 0 to 100
 * @param dkim             {@code adkim=}
 * @param spf              {@code aspf=}
 * @param failureOptions   {@code fo=}, as written (default {@code 0})
 * @param aggregateReports {@code rua=}, as written
 * @param failureReports   {@code ruf=}, as written
 * @param problems         what was wrong and left at its default, in words, for the verdict's reason and the log
 */
public record DmarcRecord(Policy policy, Optional<Policy> subdomainPolicy, int percent, Alignment dkim,
        Alignment spf, String failureOptions, Optional<String> aggregateReports, Optional<String> failureReports,
        List<String> problems) {

    /**
     * A TXT record is a DMARC record when it starts with {@code v=DMARC1} (§6.6.3 step 2 discards the others;
     * §6.4: {@code v} first, the version in upper case, white space allowed around {@code =}).
     */
    private static final Pattern VERSION = Pattern.compile("[vV][ \t]*=[ \t]*DMARC1[ \t]*(;.*)?", Pattern.DOTALL);

    public DmarcRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(failureOptions, "failureOptions");
        Objects.requireNonNull(aggregateReports, "aggregateReports");
        Objects.requireNonNull(failureReports, "failureReports");
        problems = List.copyOf(problems);
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct is 0 to 100: " + percent);
        }
    }

    /** What {@link #parse} made of a record's text. */
    public sealed interface Parse {
        /** A usable policy (perhaps {@code p=none} in place of a broken {@code p=}, §6.6.3 step 5). */
        record Found(DmarcRecord record) implements Parse {
        }

        /** A DMARC record that cannot be used: no DMARC processing for the message (§6.6.3 step 5). */
        record Invalid(String reason) implements Parse {
        }
    }

    /** Whether a TXT record's text is a DMARC record at all (§6.6.3 step 2). */
    public static boolean isDmarc(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Parses a record's text (its TXT strings joined); never throws, whatever the text. */
    public static Parse parse(String text) {
        return DmarcRecordParser.parse(text);
    }

    /** The policy for mail from {@code author} when this record was found at {@code recordDomain} (§6.6.3). */
    public Policy policyFor(String author, String recordDomain) {
        return author.equals(recordDomain) ? policy : subdomainPolicy.orElse(policy);
    }
}
