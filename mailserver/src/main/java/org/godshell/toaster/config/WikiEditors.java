package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code control/wikieditors}: who may push to the wiki. One mail address per line (compared without regard to
 * case), or a line holding only {@code *}: every account of the toaster. A missing or empty file means nobody:
 * pushing is off until the admin names someone. A line that is not an address is an error with its line number,
 * so a typo never silently locks out, or lets in, the wrong person.
 */
public record WikiEditors(boolean everyone, Set<String> addresses) {

    public WikiEditors {
        addresses = Set.copyOf(addresses);
    }

    /** A missing file: nobody may push. */
    public static WikiEditors nobody() {
        return new WikiEditors(false, Set.of());
    }

    static WikiEditors parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        boolean everyone = false;
        Set<String> addresses = new TreeSet<>();
        for (ControlFile.Line line : lines) {
            String text = line.text().strip();
            if (text.equals("*")) {
                everyone = true;
                continue;
            }
            int at = text.lastIndexOf('@');
            if (at <= 0 || at == text.length() - 1 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)
                    || text.length() > 254) {
                throw new ConfigException(file, line.number(), "\"" + text + "\" is not a mail address; write one "
                        + "account per line, such as alice@example.org, or * for every account");
            }
            addresses.add(text.toLowerCase(Locale.ROOT));
        }
        return new WikiEditors(everyone, addresses);
    }

    public boolean allows(String account) {
        return everyone || addresses.contains(account.toLowerCase(Locale.ROOT));
    }
}
