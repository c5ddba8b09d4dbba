package org.godshell.toaster.qmailimport.maildir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The names a Maildir may hold, checked before any of them is used to build a path on the toaster's side. A name
 * comes from a directory listing of a tree the import does not trust, as a Java string decoded from bytes: a name
 * that was not valid UTF-8 decodes to something else, and must not be carried under a changed name (its UIDL
 * would change), so it is refused.
 */
final class MaildirNames {

    /** Linux's NAME_MAX: a longer name cannot come from a directory listing, so one is forged. */
    static final int MAX_NAME_BYTES = 255;

    private MaildirNames() {
    }

    /**
     * Why {@code name} cannot be carried as a message file name, or empty when it can. The Maildir specification
     * (cr.yp.to/proto/maildir.html) makes the name {@code unique[:info]}; readers skip names starting with a dot.
     */
    static Optional<String> messageProblem(String name) {
        Optional<String> common = common(name);
        if (common.isPresent()) {
            return common;
        }
        if (name.startsWith(".")) {
            return Optional.of("a hidden file, not a message: left behind");
        }
        if (base(name).isEmpty()) {
            return Optional.of("no unique part before the ':' of the flags: left behind");
        }
        return Optional.empty();
    }

    /**
     * Why {@code dirName} cannot be carried as a Maildir++ folder, or empty when it can: {@code .Name} or
     * {@code .Name.Sub}, every level non-empty (Maildir++, "Folders": the dot is the hierarchy separator).
     */
    static Optional<String> folderProblem(String dirName) {
        Optional<String> common = common(dirName);
        if (common.isPresent()) {
            return common;
        }
        if (!dirName.startsWith(".") || dirName.equals(".") || dirName.equals("..")) {
            return Optional.of("not a Maildir++ folder name: left behind");
        }
        String levels = dirName.substring(1);
        if (levels.startsWith(".") || levels.endsWith(".") || levels.contains("..")) {
            return Optional.of("a folder name with an empty level: left behind");
        }
        return Optional.empty();
    }

    private static Optional<String> common(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name");
        }
        if (name.indexOf('/') >= 0) {
            return Optional.of("a name with '/': left behind");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            return Optional.of("a name that is not valid UTF-8: left behind");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("a name with control characters: left behind");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.of("a name longer than " + MAX_NAME_BYTES + " bytes: left behind");
        }
        return Optional.empty();
    }

    /**
     * Whether the listed entry's name survives the trip through a Java string: false when its bytes were not valid
     * in the file name encoding, so that the string names another file (or none).
     */
    static boolean roundTrips(Path entry) {
        Path name = entry.getFileName();
        return name.equals(name.getFileSystem().getPath(name.toString()));
    }

    /** The unique part of a message name, before the {@code :} of its info: the POP3 UIDL. */
    static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The info part ({@code 2,FLAGS}), empty for a name without one (a message in {@code new/}). */
    static String info(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? "" : name.substring(colon + 1);
    }

    /** {@code name} fit for a report line: control characters as {@code \xNN}, so a name cannot drive a terminal. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
