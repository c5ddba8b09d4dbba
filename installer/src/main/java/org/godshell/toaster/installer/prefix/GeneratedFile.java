package org.godshell.toaster.installer.prefix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;

/**
 * A configuration file the installer writes from a template (control/me, control/tcp.smtp, ...), under the same
 * rule as the payload's: as long as the admin has not edited it, it follows what the installer renders now; once
 * edited, it is kept and the new rendering goes beside it as {@code NAME.toaster-new}. A file the settings no
 * longer want ({@link #absent}) is removed unless the admin edited it. The {@link Manifest} remembers what was
 * written.
 */
public final class GeneratedFile {

    /** What {@link #place} did. */
    public enum Outcome { UNCHANGED, WRITTEN, KEPT }

    private final Path root;
    private final String relative;
    private final Optional<String> content;

    /** @param relative the path inside the prefix, such as {@code control/me} */
    public GeneratedFile(Prefix prefix, String relative, String content) {
        this(prefix, relative, Optional.of(content));
    }

    private GeneratedFile(Prefix prefix, String relative, Optional<String> content) {
        this.root = prefix.root();
        this.relative = relative;
        this.content = content;
    }

    /** A file an earlier install may have written that these settings do without (listen-https behind a proxy). */
    public static GeneratedFile absent(Prefix prefix, String relative) {
        return new GeneratedFile(prefix, relative, Optional.empty());
    }

    public String relative() {
        return relative;
    }

    /** Whether {@link #place} would change nothing. */
    public boolean isDone() throws IOException {
        Path target = root.resolve(relative);
        if (content.isEmpty()) {
            return !Files.exists(target, LinkOption.NOFOLLOW_LINKS) || edited(Manifest.read(root), target);
        }
        if (holds(target)) {
            return true;
        }
        return Files.exists(target, LinkOption.NOFOLLOW_LINKS) && edited(Manifest.read(root), target)
                && holds(beside(target));
    }

    /**
     * Writes the file, or keeps the admin's and writes the new rendering beside it; a file to be absent is
     * removed as long as the admin did not edit it.
     */
    public Outcome place() throws IOException {
        Path target = root.resolve(relative);
        Manifest manifest = Manifest.read(root);
        if (content.isEmpty()) {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return Outcome.UNCHANGED;
            }
            if (edited(manifest, target)) {
                return Outcome.KEPT;
            }
            Files.delete(target);
            manifest.forget(relative);
            manifest.write(root);
            return Outcome.WRITTEN;
        }
        Outcome outcome;
        if (holds(target)) {
            outcome = Outcome.UNCHANGED;
            Files.deleteIfExists(beside(target));
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && edited(manifest, target)) {
            write(beside(target));
            return Outcome.KEPT;
        } else {
            write(target);
            outcome = Outcome.WRITTEN;
        }
        manifest.record(relative, Manifest.sha256(target));
        manifest.write(root);
        return outcome;
    }

    private boolean edited(Manifest manifest, Path target) throws IOException {
        Optional<String> shipped = manifest.hash(relative);
        return shipped.isEmpty() || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                || !shipped.get().equals(Manifest.sha256(target));
    }

    private boolean holds(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(file, StandardCharsets.UTF_8).equals(content.orElseThrow());
    }

    private static Path beside(Path target) {
        return target.resolveSibling(target.getFileName() + Installation.NEW_SUFFIX);
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, content.orElseThrow(), "rw-r--r--");
    }
}
