package org.godshell.toaster.site.git;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.FileMode;
import org.godshell.toaster.site.source.WikiPath;

/**
 * The rules one file of a pushed tree must pass, as a reason to refuse or nothing. Names follow the generator's
 * own rule ({@link WikiPath}: UTF-8, no control characters, no backslash, no {@code ..}), and on top of that no
 * name a checkout could not hold everywhere or that git treats specially: {@code .git} in any case, the
 * {@code .gitmodules} of a submodule, Windows device names such as {@code CON} or {@code nul.md}, and names
 * ending in a dot or a space. Only regular files: no symlinks (they could point out of the site), no
 * submodules (gitlinks).
 */
public final class PathRules {

    private static final Pattern DEVICE = Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private PathRules() {
    }

    /** Why a file at {@code path} would be refused in a push, or empty: for files made on the server. */
    public static Optional<String> file(String path) {
        return entry(path.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
    }

    public static Optional<String> entry(byte[] rawPath, FileMode mode) {
        WikiPath.Result name = WikiPath.check(rawPath);
        if (name.problem().isPresent()) {
            return Optional.of(name.path() + ": " + name.problem().get());
        }
        String path = name.path();
        if (mode == FileMode.SYMLINK) {
            return Optional.of(path + ": symlinks are not accepted");
        }
        if (mode == FileMode.GITLINK) {
            return Optional.of(path + ": submodules are not accepted");
        }
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE && mode != FileMode.TREE) {
            return Optional.of(path + ": only files and folders are accepted");
        }
        for (String segment : path.split("/", -1)) {
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.equals(".git") || lower.equals(".gitmodules")) {
                return Optional.of(path + ": '" + segment + "' is reserved by git");
            }
            if (DEVICE.matcher(lower).matches()) {
                return Optional.of(path + ": '" + segment + "' is a reserved device name on Windows");
            }
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return Optional.of(path + ": a name may not end with a dot or a space");
            }
        }
        return Optional.empty();
    }

    /** A page must be UTF-8 text: the generator reads it so, and a browser would show mojibake otherwise. */
    public static boolean isPage(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".md");
    }

    public static Optional<String> page(String path, byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return Optional.of(path + ": a .md page must be UTF-8 text");
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.of(path + ": a .md page must be text, and it holds a NUL byte");
            }
        }
        return Optional.empty();
    }
}
