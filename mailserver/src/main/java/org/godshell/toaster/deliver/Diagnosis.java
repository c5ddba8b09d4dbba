package org.godshell.toaster.deliver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why a delivery did not succeed, in the terms of a delivery status notification (RFC 3464 §2.3): the
 * enhanced status code (RFC 3463, {@code 4.x.x} or {@code 5.x.x}), a human-readable text for logs and
 * {@code toaster queue show}, and, when a remote host answered, that host's name ({@code Remote-MTA}) and its
 * SMTP reply verbatim ({@code Diagnostic-Code: smtp; ...}). Both remote fields are empty for local failures.
 *
 * @param status     enhanced status code, class 4 or 5 (RFC 3463 §2)
 * @param text       one line for people, no line breaks
 * @param remoteMta  the host that gave {@code smtpReply}, or empty
 * @param smtpReply  the remote reply as one line ({@code 550 5.1.1 no such user}), or empty
 */
public record Diagnosis(String status, String text, String remoteMta, String smtpReply) {

    private static final Pattern STATUS = Pattern.compile("[45]\\.\\d{1,3}\\.\\d{1,3}");
    /** Longer texts are cut: a remote reply or an exception message may be any length. */
    public static final int MAX_TEXT = 900;

    public Diagnosis {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(smtpReply, "smtpReply");
        if (!STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("not an enhanced status code of class 4 or 5: " + status);
        }
        for (String value : new String[] {text, remoteMta, smtpReply}) {
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("control character in diagnosis: " + value);
            }
        }
    }

    /**
     * {@code text} made fit for a diagnosis: control characters (a remote reply's line breaks, an exception
     * message's) as spaces, cut at {@link #MAX_TEXT} characters. Text from outside goes through this before it
     * reaches the constructor, which refuses control characters.
     */
    public static String clean(String text) {
        String clean = text.codePoints().map(c -> c < 0x20 || c == 0x7f ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "...";
    }

    /** A failure found here, not reported by a remote host. */
    public static Diagnosis local(String status, String text) {
        return new Diagnosis(status, text, "", "");
    }

    /** A failure a remote host reported with {@code reply}. */
    public static Diagnosis remote(String status, String text, String remoteMta, String reply) {
        return new Diagnosis(status, text, remoteMta, reply);
    }

    /** True for a {@code 5.x.x} status. */
    public boolean permanent() {
        return status.charAt(0) == '5';
    }
}
