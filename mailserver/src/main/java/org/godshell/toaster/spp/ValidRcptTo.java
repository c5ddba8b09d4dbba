package org.godshell.toaster.spp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.godshell.toaster.config.ControlFiles;

/**
 * {@code control/validrcptto} (qmail's validrcptto patch format) as the chkuser script reads it, for
 * {@link BuiltinChkuser}: one address a line, {@code @domain} for every address of a domain, lines compared
 * without case after trailing spaces, tabs and CRs are removed, empty and {@code #} lines ignored. A domain the
 * file never mentions is not checked. Read at every check, as the script does, so an edit applies at once.
 */
final class ValidRcptTo {

    /** Far beyond "some thousands of addresses"; a larger file is refused (451) rather than read per recipient. */
    static final int MAX_FILE = 16 * 1024 * 1024;

    enum Verdict { KNOWN, UNKNOWN, UNCHECKED, UNREADABLE }

    private final Path home;

    ValidRcptTo(Path home) {
        this.home = home;
    }

    /** The file: {@code CHKUSER_VALIDRCPTTO} when set (relative to the prefix, the plugins' working directory). */
    Path file(String override) {
        return override != null ? home.resolve(override) : home.resolve("control").resolve(ControlFiles.VALIDRCPTTO.name());
    }

    /** The verdict for {@code address}, already lowercased by {@link #lower}. */
    Verdict check(String address, String override) {
        Path file = file(override);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Verdict.UNCHECKED;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            if (!Files.isRegularFile(file)) {
                return Verdict.UNREADABLE;
            }
            bytes = in.readNBytes(MAX_FILE + 1);
        } catch (IOException e) {
            return Verdict.UNREADABLE;
        }
        if (bytes.length > MAX_FILE) {
            return Verdict.UNREADABLE;
        }
        String domain = "@" + address.substring(address.lastIndexOf('@') + 1);
        boolean mentioned = false;
        for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String line = lower(raw.replaceFirst("[ \t\r]+$", ""));
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals(address) || line.equals(domain)) {
                return Verdict.KNOWN;
            }
            mentioned |= line.length() > domain.length() && line.endsWith(domain);
        }
        return mentioned ? Verdict.UNKNOWN : Verdict.UNCHECKED;
    }

    /**
     * ASCII letters lowered, nothing else, as the script's {@code tr '[:upper:]' '[:lower:]'} and awk's
     * {@code tolower} do: {@code String.toLowerCase} would also map the Kelvin sign to {@code k}.
     */
    static String lower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
