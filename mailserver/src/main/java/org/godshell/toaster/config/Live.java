package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A value made from control files (the SMTP settings, delivery's, POP3's), made again when one of the files it
 * read changes. {@link #get} costs a {@code stat} per file while nothing changed, so a daemon asks for it at every
 * connection or delivery and an edit applies there: the one reload rule of the toaster.
 *
 * <p>Made strictly at first ({@link #of} throws, the daemon does not start); later a failure to make it again (a
 * bad edit, or files that contradict each other) keeps the last value and is logged, as {@link Controls} does
 * for one file.
 *
 * @param <T> the value
 */
public final class Live<T> {

    /** Makes the value from the files; every file it reads through {@code reads} is watched. */
    @FunctionalInterface
    public interface Maker<T> {
        T make(Reads reads) throws ConfigException;
    }

    private final Controls controls;
    private final Maker<T> maker;
    private final Consumer<String> log;
    private volatile Made<T> made;

    private record Made<T>(T value, Map<Key<?>, Object> versions) {
    }

    private Live(Controls controls, Maker<T> maker, Consumer<String> log, Made<T> made) {
        this.controls = controls;
        this.maker = maker;
        this.log = log;
        this.made = made;
    }

    /** Makes the value now; a bad file is an exception, for the daemon to refuse to start with. */
    public static <T> Live<T> of(Controls controls, Maker<T> maker, Consumer<String> log) throws ConfigException {
        Objects.requireNonNull(log, "log");
        return new Live<>(controls, maker, log, make(controls, maker));
    }

    /** A value that never changes, for tests and tools that build settings by hand. */
    public static <T> Live<T> fixed(T value) {
        return new Live<>(null, null, line -> { }, new Made<>(value, Map.of()));
    }

    /** The value as the files are now; never fails (a bad edit keeps the last value). */
    public T get() {
        Made<T> current = made;
        if (controls == null || !changed(current)) {
            return current.value();
        }
        synchronized (this) {
            current = made;
            if (!changed(current)) {
                return current.value();
            }
            try {
                made = make(controls, maker);
            } catch (ConfigException | RuntimeException e) {
                // A RuntimeException is a value a parser let through and a record refused: as bad an edit as
                // any, and no reason to fail every connection from now on.
                log.accept("control: keeping the settings in use: " + e.getMessage());
                made = new Made<>(current.value(), versions(current.versions().keySet()));
            }
            return made.value();
        }
    }

    private boolean changed(Made<T> current) {
        FileStamp.Look look = new FileStamp.Look();
        for (Map.Entry<Key<?>, Object> entry : current.versions().entrySet()) {
            try {
                if (controls.version(entry.getKey(), look) != entry.getValue()) {
                    return true;
                }
            } catch (ConfigException e) {
                // Every key here was read once, so it keeps its last good value rather than fail; if that ever
                // changes, making the value again is the safe answer.
                return true;
            }
        }
        return false;
    }

    private Map<Key<?>, Object> versions(Iterable<Key<?>> keys) {
        Map<Key<?>, Object> versions = new LinkedHashMap<>();
        FileStamp.Look look = new FileStamp.Look();
        for (Key<?> key : keys) {
            try {
                versions.put(key, controls.version(key, look));
            } catch (ConfigException e) {
                versions.put(key, e);
            }
        }
        return versions;
    }

    private static <T> Made<T> make(Controls controls, Maker<T> maker) throws ConfigException {
        Recording reads = new Recording(controls);
        T value = maker.make(reads);
        return new Made<>(value, reads.versions);
    }

    /** {@link Reads} that notes the version of every file read, to know when to make the value again. */
    private static final class Recording implements Reads {
        private final Controls controls;
        private final Map<Key<?>, Object> versions = new LinkedHashMap<>();
        private final FileStamp.Look look = new FileStamp.Look();

        Recording(Controls controls) {
            this.controls = controls;
        }

        @Override
        public <V> Optional<V> file(Key<V> key) throws ConfigException {
            Object version = controls.version(key, look);
            versions.put(key, version);
            return Controls.value(version);
        }

        @Override
        public String source(Key<?> key) {
            return controls.source(key);
        }

        @Override
        public Path path(Key<?> key) {
            return controls.path(key);
        }
    }
}
