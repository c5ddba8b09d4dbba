package org.godshell.toaster.deliver.bounce;

import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.deliver.Diagnosis;

/**
 * The first part of a notice (RFC 3464 §2, "a human-readable explanation"): what happened, then each
 * recipient with the reason in plain words and, when a remote host refused, that host and its reply, as
 * qmail's and Postfix's bounces do. Returns lines of Unicode text, without line endings.
 */
final class HumanText {

    private static final int WIDTH = 72;
    private static final String INDENT = "    ";

    private HumanText() {
    }

    static List<String> lines(Report report) {
        List<String> out = new ArrayList<>();
        out.add("This is the mail delivery system at " + report.reportingMta() + ".");
        out.add("");
        if (report.toPostmaster()) {
            paragraph(out, "This report goes to the postmaster: the message below had an empty return path "
                    + "(it was itself a bounce or an automatic notice) or one that is no address, so its "
                    + "sender cannot be told.");
            out.add("");
        }
        Keep arrived = new Keep(Sanitize.date(report.original().envelope().received()));
        switch (report.kind()) {
            case FAILED -> paragraph(out, "Your message of", arrived, "could not be delivered to one or more of "
                    + "its recipients, and no further attempts will be made for them. The reasons are below; "
                    + "the headers of your message are attached, its body is not.");
            case DELAYED -> paragraph(out, "Your message of", arrived, "has not yet been delivered to one or more "
                    + "of its recipients. The mail system will keep trying until",
                    new Keep(Sanitize.date(report.retryUntil()) + ","), "and will tell you if it gives up. You do "
                    + "not need to send the message again. The reasons for the delay are below.");
        }
        out.add("");
        for (Report.Entry entry : report.recipients()) {
            recipient(out, entry);
            out.add("");
        }
        if (report.headers().cut()) {
            paragraph(out, "The attached headers are cut to their first " + OriginalHeaders.CAP / 1024
                    + " KiB.");
            out.add("");
        }
        out.add("Queue id: " + report.original().id());
        return out;
    }

    private static void recipient(List<String> out, Report.Entry entry) {
        Diagnosis why = entry.why();
        out.add("<" + Sanitize.text(entry.address()) + ">:");
        String reason = why.text().isEmpty() ? "no reason was given" : Sanitize.text(why.text());
        wrap(out, reason + " (" + why.status() + ")", INDENT);
        if (!why.remoteMta().isEmpty()) {
            String host = Sanitize.text(why.remoteMta());
            if (why.smtpReply().isEmpty()) {
                wrap(out, "Remote host: " + host, INDENT);
            } else {
                wrap(out, "The remote host " + host + " said: " + Sanitize.text(why.smtpReply()), INDENT);
            }
        }
    }

    /** Text that is never broken across lines (a date). */
    private record Keep(String text) {
    }

    /** Wraps sentences made of strings, broken at spaces, and {@link Keep}s, kept whole. */
    private static void paragraph(List<String> out, Object... pieces) {
        List<String> words = new ArrayList<>();
        for (Object piece : pieces) {
            switch (piece) {
                case Keep keep -> words.add(keep.text());
                case String text -> words.addAll(List.of(text.split(" +")));
                default -> throw new IllegalArgumentException("not text: " + piece);
            }
        }
        wrap(out, words, "");
    }

    private static void wrap(List<String> out, String text, String indent) {
        wrap(out, List.of(text.split(" +")), indent);
    }

    /** Adds the words as lines of at most {@link #WIDTH} characters where they allow, each indented. */
    private static void wrap(List<String> out, List<String> words, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : words) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                out.add(line.toString());
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
    }
}
