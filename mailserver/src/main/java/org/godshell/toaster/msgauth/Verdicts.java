package org.godshell.toaster.msgauth;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dkim.DkimResult;

/**
 * The verdicts of the checks of a message from outside, in RFC 8601's result words, for what runs after the
 * checks and reads them (the {@code [body]} plugins: issue 19's "verdicts reach plugins"). A method that was
 * not checked is empty, such as everything but DKIM for a message over the memory budget.
 *
 * @param spf                   the SPF result of the MAIL FROM identity
 * @param dkim                  the best result over all DKIM signatures ({@link #bestDkim}); {@code none} without one
 * @param dmarc                 the DMARC result
 * @param arc                   the ARC chain's result; {@code none} when the message has no ARC set
 * @param dmarcDomain           the From domain DMARC judged; empty when there was none to judge
 * @param authenticationResults the value of the Authentication-Results field we add, unfolded into one line
 */
public record Verdicts(Optional<String> spf, String dkim, Optional<String> dmarc, Optional<String> arc,
        Optional<String> dmarcDomain, String authenticationResults) {

    /** From best to worst: a verified signature first; a forgery ({@code fail}) last, below an unusable one. */
    private static final List<DkimResult> BEST_FIRST = List.of(DkimResult.PASS, DkimResult.POLICY,
            DkimResult.NEUTRAL, DkimResult.TEMPERROR, DkimResult.PERMERROR, DkimResult.FAIL);

    /** The result of the best signature, {@code none} when the message has none (RFC 8601 §2.7.1). */
    static String bestDkim(List<DkimResult> signatures) {
        return signatures.stream().min(Comparator.comparingInt(BEST_FIRST::indexOf)).map(DkimResult::word)
                .orElse("none");
    }

    /**
     * The value of a header field as one line: what follows the name and colon, each fold (CRLF and the white
     * space after it, RFC 5322 §2.2.3) and each tab made one space, so a plugin gets no control character.
     */
    static String unfolded(String field) {
        return field.substring(field.indexOf(':') + 1).replaceAll("\r\n[ \t]*", " ").replace('\t', ' ').strip();
    }
}
