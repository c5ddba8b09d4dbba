package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code badmailfrom} or {@code badrcptto} list. Each entry is a whole address ({@code spam@example.com}) or
 * {@code @domain} for every address at exactly that domain, compared without regard to case, as qmail-smtpd's
 * {@code bmfcheck} does with its case-insensitive constmap. Subdomains are not included: list them too.
 *
 * @param entries the lower-cased entries
 */
public record BadAddresses(Set<String> entries) {

    public BadAddresses {
        entries = entries.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The empty list: nothing is refused (what a missing file means, as in qmail). */
    public static BadAddresses none() {
        return new BadAddresses(Set.of());
    }

    public static BadAddresses of(Collection<String> entries) {
        return new BadAddresses(Set.copyOf(entries));
    }

    /** Reads a list file; a missing file is {@link #none()}. */
    static BadAddresses fromLines(Path file, List<ControlFile.Line> lines) throws ConfigException {
        for (ControlFile.Line line : lines) {
            String t = line.text();
            int at = t.lastIndexOf('@');
            boolean blank = t.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
            if (blank || at < 0 || at == t.length() - 1) {
                throw new ConfigException(file, line.number(), "\"" + t + "\" is not an address; write a whole "
                        + "address such as spam@example.com, or @example.com for every address at that domain");
            }
        }
        return of(lines.stream().map(ControlFile.Line::text).toList());
    }

    /**
     * Whether the envelope address (without angle brackets) is listed, itself or by its {@code @domain}
     * (the part from the last {@code @}, as qmail does).
     */
    public boolean matches(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (entries.contains(a)) {
            return true;
        }
        int at = a.lastIndexOf('@');
        return at >= 0 && entries.contains(a.substring(at));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
