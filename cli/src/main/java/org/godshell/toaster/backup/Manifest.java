package org.godshell.toaster.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last member of an archive ({@value MemberName#MANIFEST}): every file, directory and link of the state at the
 * moment of the backup, one {@link Entry} a line, parents before what they hold. A file member not listed here,
 * or a file listed without content in the chain, is corruption.
 */
public final class Manifest {

    private final Map<String, Entry> entries;

    private Manifest(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The entries in order, checked as {@link #parse} checks them. */
    public static Manifest of(Collection<Entry> entries) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry entry : entries) {
            add(map, entry);
        }
        return new Manifest(map);
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Optional<Entry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** The files whose content lies in the archive {@code holder}. */
    public List<Entry.File> filesIn(String holder) {
        List<Entry.File> files = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry instanceof Entry.File file && file.holder().equals(holder)) {
                files.add(file);
            }
        }
        return files;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries.values()) {
            out.writeBytes((Entry.encode(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** SHA-256 of the encoded manifest: how an increment names its base's manifest. */
    public static String sha256(byte[] encoded) {
        return Entry.hex(digest().digest(encoded));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The manifest in {@code bytes}; {@code IllegalArgumentException} naming the line for a bad entry, a
     * duplicate, an entry whose parent directory is not listed before it, or more entries than allowed.
     */
    public static Manifest parse(byte[] bytes, Limits limits) {
        if (bytes.length > limits.maxManifestBytes()) {
            throw new IllegalArgumentException("manifest of " + bytes.length + " bytes, over the limit");
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            throw new IllegalArgumentException("manifest does not end with a newline (truncated?)");
        }
        Map<String, Entry> map = new LinkedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        int line = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            line++;
            if (map.size() >= limits.maxEntries()) {
                throw new IllegalArgumentException("manifest has more than " + limits.maxEntries() + " entries");
            }
            try {
                add(map, Entry.parse(text.substring(start, end)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("manifest line " + line + ": " + e.getMessage(), e);
            }
            start = end + 1;
        }
        return new Manifest(map);
    }

    private static void add(Map<String, Entry> map, Entry entry) {
        String path = MemberName.check(entry.path());
        int slash = path.lastIndexOf('/');
        boolean top = MemberName.AREAS.contains(path) || MemberName.area(path).equals("wiki");
        if (!top && !(slash > 0 && map.get(path.substring(0, slash)) instanceof Entry.Directory)) {
            throw new IllegalArgumentException(path + " comes before its directory, or without it");
        }
        if (MemberName.AREAS.contains(path) && !(entry instanceof Entry.Directory)) {
            throw new IllegalArgumentException(path + " must be a directory");
        }
        if (MemberName.area(path).equals("wiki") && !(entry instanceof Entry.File)) {
            throw new IllegalArgumentException(path + " must be a file");
        }
        if (map.putIfAbsent(path, entry) != null) {
            throw new IllegalArgumentException("listed twice: " + path);
        }
    }
}
