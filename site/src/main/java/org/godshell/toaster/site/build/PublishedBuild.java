package org.godshell.toaster.site.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;

/**
 * A published build as the server reads it to render commit pages on request: its directory, when its index was
 * written (its pages' Last-Modified), and what the index recorded: the settings, the history the walk listed and
 * each page's title and URL. Read only, never written; the index is checked as a build checks it.
 */
public record PublishedBuild(Path directory, Instant published, SiteConfig site, History history,
                             Map<String, Views.Link> pagesNow) {

    /** An index that cannot be used: missing, too big, damaged or of another version. */
    public static final class Unusable extends IOException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** The build directory {@code site} (the symlink a build publishes at) names now, if any. */
    public static Optional<Path> current(Path site) throws IOException {
        Path link = site.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
        return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? Optional.of(target) : Optional.empty();
    }

    /** The build of {@code directory}, from the index beside it. */
    public static PublishedBuild read(Path directory) throws IOException {
        Path file = SiteSwap.indexOf(directory);
        byte[] bytes;
        Instant published;
        try {
            if (Files.size(file) > IndexCodec.MAX_BYTES) {
                throw new Unusable("the build index is over " + IndexCodec.MAX_BYTES + " bytes");
            }
            published = Files.getLastModifiedTime(file).toInstant();
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unusable("no build index beside " + directory);
        }
        try {
            BuildIndex index = IndexCodec.decode(bytes, false);
            return new PublishedBuild(directory, published, index.site(), index.history(), index.pagesNow());
        } catch (IndexCodec.IndexException e) {
            throw new Unusable("the build index of " + directory + " is unusable: " + e.getMessage());
        }
    }
}
