package org.godshell.toaster.installer.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PREFIX/.toaster-install}: the names and mode of the install, {@code key=value} per line, so that
 * upgrade, uninstall and doctor work on the same host name, domain and mode without being told again. Unknown
 * keys and malformed lines are ignored; every value read is checked again like a typed option.
 */
public final class InstallRecord {

    public static final String FILE = ".toaster-install";
    private static final long MAX_BYTES = 16 * 1024;

    private InstallRecord() {
    }

    /** The file's text for these settings. */
    public static String render(Settings settings) {
        return "hostname=" + settings.hostName() + "\ndomain=" + settings.domain() + "\nadmin=" + settings.admin()
                + "\nmode=" + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + "\n";
    }

    /** The recorded values of {@code prefix}; empty if it has none (nothing installed, or an install from before). */
    public static Map<String, String> read(Path prefix) throws IOException {
        Path file = prefix.resolve(FILE);
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
            return values;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    /** The recorded mode; empty when none is recorded. */
    public static Optional<Mode> mode(Map<String, String> record) {
        return Optional.ofNullable(record.get("mode")).flatMap(value -> switch (value) {
            case "system" -> Optional.of(Mode.SYSTEM);
            case "unprivileged" -> Optional.of(Mode.UNPRIVILEGED);
            default -> Optional.empty();
        });
    }
}
