package org.godshell.toaster.spp;

import java.util.Optional;

/** The points of an SMTP session where plugins run (qmail-spp.md §2), keyed by qmail-spp's section letter. */
public enum Section {
    CONNECTION('c'), HELO('h'), MAIL('m'), RCPT('r'), DATA('d'), AUTH('a'), BODY('b');

    private final char letter;

    Section(char letter) {
        this.letter = letter;
    }

    /**
     * The section a {@code [header]} line opens. As qmail-spp, only the character after {@code [} matters
     * ({@code [rcpt]}, {@code [r]} and {@code [recipient]} are the same); unknown letters open no known section.
     */
    static Optional<Section> ofHeader(String line) {
        if (line.length() < 2) {
            return Optional.empty();
        }
        char key = Character.toLowerCase(line.charAt(1));
        for (Section section : values()) {
            if (section.letter == key) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** The name used in smtpplugins files and logs: {@code connection}, {@code helo}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
