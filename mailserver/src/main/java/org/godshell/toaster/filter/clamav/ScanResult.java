package org.godshell.toaster.filter.clamav;

/**
 * What clamd said of a message. A connection that failed, a timeout, an {@code ERROR} other than the size
 * limit, or a reply that is none of these, is not a result but a {@link ClamdException}: unscanned is not clean.
 */
public sealed interface ScanResult {

    /** {@code stream: OK}: no signature matched, within clamd's scan limits. */
    record Clean() implements ScanResult {}

    /**
     * {@code stream: NAME FOUND}.
     *
     * @param signature the signature's name, printable ASCII of at most {@link ClamdReply#MAX_SIGNATURE}
     *                  characters (clamd's own names are far shorter; a longer one is cut)
     */
    record Infected(String signature) implements ScanResult {
        public Infected {
            if (signature.isEmpty() || signature.length() > ClamdReply.MAX_SIGNATURE
                    || !signature.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("not a printable signature name: " + signature.length()
                        + " characters");
            }
        }
    }

    /**
     * {@code INSTREAM size limit exceeded}: the message is larger than clamd's {@code StreamMaxLength}, and
     * clamd closed the connection without scanning it.
     */
    record TooLarge() implements ScanResult {}
}
