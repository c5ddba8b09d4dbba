package org.godshell.toaster.site.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * Keeping a refused push out of the repository. JGit writes the received pack into {@code objects/pack} before
 * the pre-receive check runs (it has no quarantine directory, as git has); when no ref moved, the files that
 * appeared during the push are deleted again. This is safe only because pushes are serialized ({@link Pushes}
 * holds its lock around it) and nothing else in the toaster writes packs while the server runs.
 */
final class Quarantine {

    private final Path packs;
    private final Set<Path> before;

    private Quarantine(Path packs, Set<Path> before) {
        this.packs = packs;
        this.before = before;
    }

    static Quarantine begin(Repository repository) throws IOException {
        Path packs = repository.getDirectory().toPath().resolve("objects").resolve("pack");
        Files.createDirectories(packs);
        return new Quarantine(packs, list(packs));
    }

    /** The pack files ending in {@code suffix} that appeared since the push began. */
    List<Path> added(String suffix) throws IOException {
        List<Path> added = new ArrayList<>();
        for (Path file : list(packs)) {
            if (!before.contains(file) && file.getFileName().toString().endsWith(suffix)) {
                added.add(file);
            }
        }
        return added;
    }

    /** Deletes every pack file that was not there when the push began. */
    void discard() throws IOException {
        for (Path file : list(packs)) {
            if (!before.contains(file)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Set<Path> list(Path dir) throws IOException {
        Set<Path> files = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(files::add);
        }
        return files;
    }
}
