package org.godshell.toaster.dmarc;

import java.util.Locale;
import java.util.Optional;

/**
 * Identifier alignment (RFC 7489 §3.1), as {@code adkim=} and {@code aspf=} ask for it: strict means the
 * authenticated domain is the From domain itself; relaxed (the default) that both have the same organizational
 * domain, so {@code mail.example.com} aligns with {@code example.com} but {@code example.net} does not.
 */
public enum Alignment {
    RELAXED, STRICT;

    /** The record's letter: {@code r} or {@code s}, in any case (§6.4). */
    static Optional<Alignment> of(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "r" -> Optional.of(RELAXED);
            case "s" -> Optional.of(STRICT);
            default -> Optional.empty();
        };
    }

    /**
     * Whether {@code authenticated} (an SPF or DKIM domain) aligns with {@code author} (the From domain); both in
     * the form of {@link DomainName#ascii}.
     */
    boolean aligned(String authenticated, String author, PublicSuffixList suffixes) {
        if (authenticated.equals(author)) {
            return true;
        }
        return this == RELAXED && suffixes.organizationalDomain(authenticated)
                .equals(suffixes.organizationalDomain(author));
    }
}
