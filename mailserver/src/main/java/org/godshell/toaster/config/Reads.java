package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a value built from control files may ask of them: see {@link Controls} and {@link Live}. */
public interface Reads {

    /** The file's value, or its key's fallback when the file is missing. */
    default <T> T get(Key<T> key) throws ConfigException {
        Optional<T> value = file(key);
        return value.isPresent() ? value.get() : key.fallback().value(this);
    }

    /** The file's value; empty when the file is missing. */
    <T> Optional<T> file(Key<T> key) throws ConfigException;

    /**
     * The file's path, or {@code "default"} when it is missing (or the value was given, not read), for
     * {@code toaster showconfig}.
     */
    String source(Key<?> key);

    /** Where the file of {@code key} is. */
    Path path(Key<?> key);

    /**
     * Files with the given values and every other file missing, in no directory: the defaults, for tests and
     * tools that build settings by hand.
     */
    static Reads given(Map<Key<?>, ?> values) {
        Map<Key<?>, ?> copy = Map.copyOf(values);
        return new Reads() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> file(Key<T> key) {
                return Optional.ofNullable((T) copy.get(key));
            }

            @Override
            public String source(Key<?> key) {
                return "default";
            }

            @Override
            public Path path(Key<?> key) {
                return Path.of("control", key.name());
            }
        };
    }
}
