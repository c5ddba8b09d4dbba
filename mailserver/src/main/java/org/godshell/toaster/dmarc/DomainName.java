package org.godshell.toaster.dmarc;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Domain names in the one form DMARC compares them in: A-labels (RFC 7489 §6.6.1: "If the domain is a U-label,
 * the domain name MUST be converted to an A-label"), lower case, without a final dot. Every name that reaches
 * the Public Suffix List, a DNS question or an alignment test goes through {@link #ascii} first, so
 * {@code Example.COM.}, {@code example.com} and the same name in U-labels are one name.
 *
 * <p>U-labels are converted by {@link IDN#toASCII}, which implements IDNA2003: for the four characters where
 * IDNA2008 differs (ß, ς, ZWJ, ZWNJ) it maps where IDNA2008 would encode, so {@code straße.example} becomes
 * {@code strasse.example}. Names that are already ASCII, as every From domain of a message without SMTPUTF8 is
 * (RFC 6532 is needed for U-labels in a header), never pass through it.
 */
public final class DomainName {

    /** RFC 1035 §2.3.4: 255 octets on the wire, so 253 characters written without the final dot. */
    public static final int MAX_LENGTH = 253;
    /** RFC 1035 §2.3.4. */
    public static final int MAX_LABEL = 63;

    private DomainName() {
    }

    /**
     * The name in A-labels, lower case, without its final dot; empty when it is no DNS name: empty labels, a
     * label over 63 or a name over 253 characters, a character other than letters, digits, {@code -} and
     * {@code _} (RFC 2181 §11 allows more in DNS, but no mail domain uses it), or a U-label IDNA refuses.
     */
    public static Optional<String> ascii(String name) {
        if (name == null || name.isEmpty() || name.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String text = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!text.chars().allMatch(c -> c < 0x80)) {
            try {
                text = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        text = text.toLowerCase(Locale.ROOT);
        return valid(text, false) ? Optional.of(text) : Optional.empty();
    }

    /**
     * Whether {@code name} (lower-case ASCII, no final dot) is made of valid labels; with {@code wildcard}, a
     * first label {@code *} is allowed too (a Public Suffix List rule).
     */
    static boolean valid(String name, boolean wildcard) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return false;
            }
            if (wildcard && i == 0 && label.equals("*")) {
                continue;
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }
}
