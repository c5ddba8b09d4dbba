package org.godshell.toaster.site.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The index of the site as published now. The site path is a symlink a build swaps atomically ({@code
 * build.SiteSwap}); each query resolves it and looks at the documents file's time and size (a few system
 * calls), and when they differ from the index's, one thread rebuilds while the others go on answering from the
 * older index. Only the very first queries, with no index at all, wait for one. Thread-safe.
 */
public final class LiveIndex {

    /** What a query can use now. */
    public sealed interface State {
    }

    record Ready(WikiIndex index) implements State {
    }

    /** No usable documents file: our words for why, logged once per published site. */
    record Unavailable(String reason) implements State {
    }

    /** Which published documents an index was built from; {@code directory} null when the site is not there. */
    private record Version(Path directory, FileTime modified, long size) {
    }

    private record Loaded(Version version, State state) {
    }

    /**
     * Lucene logs, through java.util.logging, a warning on every start that its vector code could be faster with
     * an incubator module on the command line: nothing an admin reading the wiki's log should act on. Held here
     * so the logger, and its level, are not collected.
     */
    private static final Logger VECTOR_ADVICE = quiet("org.apache.lucene.internal.vectorization");

    private final Path site;
    private final Consumer<String> log;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private final ReentrantLock rebuilding = new ReentrantLock();

    public LiveIndex(Path site, Consumer<String> log) {
        this.site = site;
        this.log = log;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    State current() {
        Version version = version();
        Loaded now = loaded.get();
        if (now != null && now.version().equals(version)) {
            return now.state();
        }
        if (now != null && !rebuilding.tryLock()) {
            return now.state();                               // another thread rebuilds; the older index answers
        }
        if (now == null) {
            rebuilding.lock();
        }
        try {
            now = loaded.get();
            if (now != null && now.version().equals(version)) {
                return now.state();
            }
            State state = load(version);
            if (state instanceof Unavailable(String reason)) {
                log.accept("search: " + reason + "; the search page uses its static index");
            }
            loaded.set(new Loaded(version, state));
            return state;
        } finally {
            rebuilding.unlock();
        }
    }

    private Version version() {
        try {
            Path directory = site.toRealPath();
            BasicFileAttributes file = Files.readAttributes(directory.resolve(DocumentsFile.PATH),
                    BasicFileAttributes.class);
            return new Version(directory, file.lastModifiedTime(), file.size());
        } catch (IOException e) {
            return new Version(null, FileTime.fromMillis(0), -1);
        }
    }

    private static State load(Version version) {
        if (version.directory() == null) {
            return new Unavailable("the site has no " + DocumentsFile.PATH);
        }
        if (version.size() > DocumentsFile.MAX_BYTES) {
            return new Unavailable(DocumentsFile.PATH + " is larger than " + DocumentsFile.MAX_BYTES + " bytes");
        }
        try {
            byte[] bytes = Files.readAllBytes(version.directory().resolve(DocumentsFile.PATH));
            return new Ready(WikiIndex.build(DocumentsFile.read(bytes)));
        } catch (DocumentsFile.Unreadable e) {
            return new Unavailable(e.getMessage());
        } catch (IOException e) {
            return new Unavailable(DocumentsFile.PATH + " cannot be read: " + e.getMessage());
        }
    }
}
