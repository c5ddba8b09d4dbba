package org.godshell.toaster.acme;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the renewal remembers between runs, in {@code control/acme/state}: when it last tried and last succeeded,
 * how many attempts in a row failed, the earliest next try (the back-off) and the last error. One {@code key
 * value} per line, each key at most once, instants in ISO-8601 UTC; anything else makes the file refuse to parse
 * (with file:line), so a corrupted state is reported, not half believed.
 */
public record RenewalState(Optional<Instant> lastAttempt, Optional<Instant> lastSuccess, int failures,
                           Optional<Instant> nextTry, Optional<String> lastError) {

    public static final RenewalState NONE = new RenewalState(Optional.empty(), Optional.empty(), 0, Optional.empty(),
            Optional.empty());
    static final int MAX_BYTES = 4096;
    static final int MAX_FAILURES = 100_000;
    static final int MAX_ERROR = 1000;
    private static final String HEADER = "# toaster ACME renewal state: written by the toaster, not for editing";

    public RenewalState {
        if (failures < 0 || failures > MAX_FAILURES) {
            throw new IllegalArgumentException("failures out of range: " + failures);
        }
        lastError = lastError.map(AcmeException::printable);
    }

    /** After a renewal or first issuance at {@code now}: no failures, no back-off. */
    RenewalState succeeded(Instant now) {
        return new RenewalState(Optional.of(now), Optional.of(now), 0, Optional.empty(), Optional.empty());
    }

    /** After a failure at {@code now}: one more failure, the next try no earlier than {@code next}. */
    RenewalState failed(Instant now, Instant next, String error) {
        return new RenewalState(Optional.of(now), lastSuccess, Math.min(failures + 1, MAX_FAILURES),
                Optional.of(next), Optional.of(error));
    }

    /** A check at {@code now} that found nothing to do. */
    RenewalState checked(Instant now) {
        return new RenewalState(Optional.of(now), lastSuccess, failures, nextTry, lastError);
    }

    String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        lastAttempt.ifPresent(at -> text.append("last-attempt ").append(at).append('\n'));
        lastSuccess.ifPresent(at -> text.append("last-success ").append(at).append('\n'));
        text.append("failures ").append(failures).append('\n');
        nextTry.ifPresent(at -> text.append("next-try ").append(at).append('\n'));
        lastError.ifPresent(error -> text.append("last-error ").append(error).append('\n'));
        return text.toString();
    }

    /** Parses what {@link #format} wrote, strictly; errors name {@code file} and the line. */
    static RenewalState parse(Path file, String text) throws AcmeException {
        if (text.length() > MAX_BYTES) {
            throw AcmeException.local(file + " is over " + MAX_BYTES + " bytes; remove it to start afresh");
        }
        Map<String, String> values = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1 || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            if (space < 0 || !key.matches("last-attempt|last-success|failures|next-try|last-error")
                    || line.chars().anyMatch(Character::isISOControl)) {
                throw bad(file, i, "is not one of last-attempt, last-success, failures, next-try, last-error "
                        + "followed by a value");
            }
            if (values.put(key, line.substring(space + 1)) != null) {
                throw bad(file, i, "repeats " + key);
            }
        }
        try {
            String failures = values.getOrDefault("failures", "0");
            if (!failures.matches("[0-9]{1,6}") || Integer.parseInt(failures) > MAX_FAILURES) {
                throw AcmeException.local(file + ": failures is not a count from 0 to " + MAX_FAILURES);
            }
            String error = values.get("last-error");
            if (error != null && (error.isBlank() || error.length() > MAX_ERROR)) {
                throw AcmeException.local(file + ": last-error is empty or over " + MAX_ERROR + " characters");
            }
            return new RenewalState(instant(values.get("last-attempt")), instant(values.get("last-success")),
                    Integer.parseInt(failures), instant(values.get("next-try")), Optional.ofNullable(error));
        } catch (DateTimeParseException e) {
            throw AcmeException.local(file + ": \"" + AcmeException.printable(e.getParsedString())
                    + "\" is not an instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }

    private static AcmeException bad(Path file, int index, String what) {
        return AcmeException.local(file + ":" + (index + 1) + ": " + what + "; remove the file to start afresh");
    }
}
