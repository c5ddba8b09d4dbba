package org.godshell.toaster.tlsrpt.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * What a report says about itself (RFC 8460 §4.4): who sends it, the UTC day it covers, whom to ask, and its id.
 *
 * @param submitter    this host's name ({@code control/me}): the organization, the contact's domain and the
 *                     submitter in the mail headers and the file name (§5.1, §5.3)
 * @param policyDomain the domain the report is about
 * @param day          the UTC day
 */
public record ReportHeader(String submitter, String policyDomain, LocalDate day) {

    public String organization() {
        return submitter;
    }

    public String contact() {
        return "postmaster@" + submitter;
    }

    /**
     * The same for the same day, domain and submitter, so that a report sent twice (a crash between sending and
     * noting it) is seen as one by the receiver; shaped as a message id's inside, as §5.3's Subject shows it.
     */
    public String reportId() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (day + " " + policyDomain).getBytes(StandardCharsets.UTF_8));
            return day + "." + HexFormat.of().formatHex(hash, 0, 8) + "@" + submitter;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The first second of the day, in seconds since the epoch (§5.1's begin-timestamp). */
    public long begin() {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }

    /** Its last second: the report covers the whole day and nothing after it (§4.4's date-range). */
    public long end() {
        return begin() + 86_399;
    }

    /** {@code submitter!policy-domain!begin-timestamp!end-timestamp.json.gz} (§5.1). */
    public String fileName() {
        return submitter + "!" + policyDomain + "!" + begin() + "!" + end() + ".json.gz";
    }
}
