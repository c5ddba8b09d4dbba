package org.godshell.toaster.config;


import java.nio.file.Files;
import java.nio.file.LinkOption;

import java.nio.file.Path;



import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The control directory of a running daemon, the one way code reads a control file. Each file is parsed when first
 * asked for and again whenever it changes (size, modification time, permissions or inode: an editor's rename gives
 * a new one), so every edit reaches the next connection or delivery that asks, without a restart.
 *
 * <p>The first read of a file is strict: a bad file is a {@link ConfigException}, so a daemon refuses to start on
 * it. After that, a bad edit keeps the last good value and is logged once with {@code file:line}, as qmail-spp
 * files are (a typo must not take the mail server down, nor silently fall back to a default); deleting a file is a
 * good edit, to the default. Thread-safe: two threads that see the same change both parse, and either result is
 * right.
 */
public final class Controls implements Reads {

    private final Path dir;
    private final Consumer<String> log;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * A parsed value. Its identity is its version: {@link Live} rebuilds what it made from a file when the
     * file's {@code Parsed} is another object.
     */
    private static final class Parsed {
        final Optional<?> value;

        Parsed(Optional<?> value) {
            this.value = value;
        }
    }

    private record Entry(FileStamp stamp, Parsed parsed) {
    }

    /** {@code log}: where a kept-back bad edit is reported. */
    public Controls(Path dir, Consumer<String> log) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Strict throughout: for commands that read once and exit ({@code toaster showconfig}, tests). */
    public static Controls once(Path dir) {
        return new Controls(dir, line -> { });
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Path path(Key<?> key) {
        return dir.resolve(key.name());
    }

    @Override
    public <T> Optional<T> file(Key<T> key) throws ConfigException {
        return value(current(key, new FileStamp.Look()));
    }

    @Override
    public String source(Key<?> key) {
        Path file = path(key);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file.toString() : "default";
    }

    /**
     * The current parse of the file, whose identity changes only when its value does; {@code look} is the one
     * look at the files this is part of (see {@link FileStamp.Look}).
     */
    Object version(Key<?> key, FileStamp.Look look) throws ConfigException {
        return current(key, look);
    }

    /** The value of a {@link #version}: empty when the file is missing. */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> value(Object version) {
        return (Optional<T>) ((Parsed) version).value;
    }

    private Parsed current(Key<?> key, FileStamp.Look look) throws ConfigException {
        Path file = path(key);
        Entry known = entries.get(key.name());
        // Taken before the read: a file that changes while it is read has another stamp at the next look.
        FileStamp now = look.of(file, known == null ? null : known.stamp());
        if (known != null && known.stamp().equals(now)) {
            return known.parsed();
        }
        try {
            Parsed parsed = new Parsed(read(key, file));
            entries.put(key.name(), new Entry(now, parsed));
            return parsed;
        } catch (ConfigException e) {
            if (known == null) {
                throw e;
            }
            log.accept("control: keeping the last good value: " + e.getMessage());
            entries.put(key.name(), new Entry(now, known.parsed()));
            return known.parsed();
        }
    }

    private static Optional<?> read(Key<?> key, Path file) throws ConfigException {
        Optional<List<ControlFile.Line>> lines = switch (key.shape()) {
            case LINE -> ControlFile.firstLine(file).map(List::of);
            case LIST -> ControlFile.list(file);
            case OWN -> throw new IllegalStateException(key + " has a reader of its own");
        };
        return lines.isEmpty() ? Optional.empty() : Optional.of(key.parser().parse(file, lines.get()));
    }

}
