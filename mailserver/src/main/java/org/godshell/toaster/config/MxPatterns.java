package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code control/mtastsmx}: more {@code mx:} lines for the published MTA-STS policy, such as a backup MX. Each
 * line is a host name or a wildcard whose {@code *} stands for exactly the leftmost label (RFC 8461 §3.2, §4.1),
 * in lower case, with at least two labels; a trailing dot is dropped. Anything else stops with {@code file:line}:
 * a policy that names a host the MX does not have makes enforcing senders refuse mail.
 */
final class MxPatterns {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private MxPatterns() {
    }

    static List<String> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        List<String> patterns = new ArrayList<>();
        for (ControlFile.Line line : lines) {
            String pattern = line.text().strip().toLowerCase(Locale.ROOT);
            if (pattern.endsWith(".")) {
                pattern = pattern.substring(0, pattern.length() - 1);
            }
            if (!valid(pattern)) {
                String shown = line.text().length() > 60 ? line.text().substring(0, 60) + "..." : line.text();
                throw new ConfigException(file, line.number(), "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?")
                        + "\" is not an MX host name or pattern; write one such as backup.example.org or "
                        + "*.example.org");
            }
            if (!patterns.contains(pattern)) {
                patterns.add(pattern);
            }
        }
        return List.copyOf(patterns);
    }

    static boolean valid(String pattern) {
        String name = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
