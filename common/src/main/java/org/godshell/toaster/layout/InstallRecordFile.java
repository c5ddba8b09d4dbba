package org.godshell.toaster.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PREFIX/.toaster-install}, where the installer records an install's names and mode: {@code key=value}
 * per line, the first value of a key wins, malformed lines and unknown keys are ignored. Readers check every
 * value again before using it; a file over 16 KiB or that is not a regular file reads as empty.
 */
public final class InstallRecordFile {

    public static final String NAME = ".toaster-install";
    private static final long MAX_BYTES = 16 * 1024;

    private InstallRecordFile() {
    }

    /** The recorded values of {@code prefix}; empty when it has none (nothing installed, or set up by hand). */
    public static Map<String, String> read(Path prefix) throws IOException {
        Path file = prefix.resolve(NAME);
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
            return values;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    /**
     * Whether Dovecot serves IMAP for this toaster: the installer sets it up in a system install unless told
     * {@code --no-imap} (recorded as {@code imap=no}), never in the demo; a toaster set up by hand (no record)
     * is taken to have it, as the wiki's IMAP page shows how.
     */
    public static boolean imap(Map<String, String> record) {
        return !"unprivileged".equals(record.get("mode")) && !"no".equals(record.get("imap"));
    }

    /** Whether the record says this is a system install (services run as {@value Accounts#SERVICE_USER}). */
    public static boolean system(Map<String, String> record) {
        return "system".equals(record.get("mode"));
    }
}
