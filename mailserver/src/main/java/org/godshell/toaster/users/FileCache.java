package org.godshell.toaster.users;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed files kept while they do not change: a file is read when first asked for and again whenever its size,
 * modification time or inode (file key) differs from what it was read with, so an edit by another process (an
 * atomic rename gives a new inode) applies at the next look without a restart. Thread-safe; two threads that
 * miss at once both read, and either result is right.
 *
 * @param <T> the parsed form
 */
final class FileCache<T> {

    private final long maxBytes;
    private final T absent;
    private final Map<Path, Cached<T>> entries = new ConcurrentHashMap<>();

    /** A parsed file and the attributes it was read with: any change of them means read again. */
    private record Cached<T>(Object key, FileTime modified, long size, T parsed) {
    }

    /**
     * @param maxBytes the largest file read; a larger one is an {@link IOException}, not a truncated parse
     * @param absent   what a missing file reads as
     */
    FileCache(long maxBytes, T absent) {
        this.maxBytes = maxBytes;
        this.absent = Objects.requireNonNull(absent, "absent");
    }

    /** The file parsed by {@code parser}, from the cache while the file on disk has not changed. */
    T get(Path path, Function<byte[], T> parser) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            entries.remove(path);
            return absent;
        }
        Cached<T> cached = entries.get(path);
        if (cached != null && Objects.equals(cached.key(), attributes.fileKey())
                && cached.modified().equals(attributes.lastModifiedTime()) && cached.size() == attributes.size()) {
            return cached.parsed();
        }
        if (!attributes.isRegularFile() || attributes.size() > maxBytes) {
            throw new IOException(path + " is not a plain file of at most " + maxBytes / (1024 * 1024) + " MB");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new IOException(path + " grew beyond " + maxBytes / (1024 * 1024) + " MB while being read");
        }
        // Cached with the attributes seen before the read: if the file changed in between, they differ from the
        // next look and the file is read again, so a stale cache entry never outlives one call.
        T parsed = parser.apply(bytes);
        entries.put(path, new Cached<>(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), parsed));
        return parsed;
    }
}
