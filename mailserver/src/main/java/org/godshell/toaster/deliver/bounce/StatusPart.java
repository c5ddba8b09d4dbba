package org.godshell.toaster.deliver.bounce;

import org.godshell.toaster.deliver.Diagnosis;

/**
 * The machine-readable part, {@code message/delivery-status} (RFC 3464 §2.1–§2.3): the per-message fields,
 * then one block of per-recipient fields for each recipient, blocks separated by an empty line. The part is
 * 7-bit (its only allowed encoding, §2.1): values from outside go through {@link Sanitize#ascii} or
 * {@link Sanitize#typedAddress}, and long values are folded at spaces (RFC 5322 §2.2.3) into lines of at most
 * 78 characters where the text allows, 998 always.
 */
final class StatusPart {

    private static final int FOLD_AT = 78;
    /** A value this long still fits one line with any field name (RFC 5322 §2.1.1: 998). */
    private static final int MAX_VALUE = 900;

    private StatusPart() {
    }

    /** The part's body, lines ending in CRLF. */
    static String body(Report report) {
        StringBuilder out = new StringBuilder();
        field(out, "Reporting-MTA", "dns; " + report.reportingMta());
        // RFC 3464 §2.4 allows extension fields; Postfix's X-Postfix-Queue-ID is the model.
        field(out, "X-Toaster-Queue-ID", report.original().id().toString());
        field(out, "Arrival-Date", Sanitize.date(report.original().envelope().received()));
        for (Report.Entry entry : report.recipients()) {
            out.append("\r\n");
            recipient(out, report, entry);
        }
        return out.toString();
    }

    private static void recipient(StringBuilder out, Report report, Report.Entry entry) {
        Diagnosis why = entry.why();
        field(out, "Final-Recipient", Sanitize.typedAddress(entry.address()));
        field(out, "Action", report.kind().action);
        field(out, "Status", why.status());
        String host = Sanitize.hostName(why.remoteMta());
        if (!host.isEmpty()) {
            field(out, "Remote-MTA", "dns; " + host);
        }
        // §2.3.6: the diagnostic as the remote host gave it; local failures carry our own text instead.
        if (!why.smtpReply().isEmpty()) {
            field(out, "Diagnostic-Code", "smtp; " + Sanitize.ascii(why.smtpReply()));
        } else if (!why.text().isEmpty()) {
            field(out, "Diagnostic-Code", "X-Toaster; " + Sanitize.ascii(why.text()));
        }
        field(out, "Last-Attempt-Date", Sanitize.date(report.now()));
        if (report.kind() == Kind.DELAYED) {
            field(out, "Will-Retry-Until", Sanitize.date(report.retryUntil()));
        }
    }

    /** Appends {@code name: value}, folded; {@code value} is already ASCII without controls. */
    static void field(StringBuilder out, String name, String value) {
        String v = value;
        if (v.length() > MAX_VALUE) {
            v = v.substring(0, MAX_VALUE - 3);
            // Never end inside an RFC 6533 \x{HEX} escape (at most 10 characters long): a reader would take
            // it for a broken address.
            int escape = v.lastIndexOf('\\');
            if (escape > v.lastIndexOf('}') && escape >= v.length() - 10) {
                v = v.substring(0, escape);
            }
            v += "...";
        }
        StringBuilder line = new StringBuilder(name).append(':');
        boolean hasWord = false;
        for (String word : v.split(" ", -1)) {
            // Fold before the space (FWS = CRLF WSP), only after a word: no line is ever all blank.
            if (hasWord && !word.isEmpty() && line.length() + 1 + word.length() > FOLD_AT) {
                out.append(line).append("\r\n");
                line.setLength(0);
                hasWord = false;
            }
            line.append(' ').append(word);
            hasWord |= !word.isEmpty();
        }
        out.append(line).append("\r\n");
    }
}
