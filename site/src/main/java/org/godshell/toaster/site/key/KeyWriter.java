package org.godshell.toaster.site.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes values into a SHA-256 key. Each value starts with a tag naming its kind; strings and bytes carry their
 * length, collections and maps their size, and a {@link Fingerprinted} value its class name and an end mark. So
 * ("a", "bc") and ("ab", "c") differ, [[a], [b]] and [[a, b]] differ, and two records with equal fields but of
 * different types differ.
 *
 * <p>{@link #value} takes only types whose whole value it writes: String, Integer, Long, Boolean, enum constants,
 * Optional, Collection (in iteration order, the order a template shows it in), Map with String keys (in key
 * order: a {@code Map.of}'s order changes from one JVM to the next), byte arrays, null and Fingerprinted values.
 * Anything else is refused with an {@link IllegalArgumentException} naming its type.
 *
 * <p>One writer makes one key, on one thread.
 */
public final class KeyWriter {

    /** Bytes gathered for the digest: a key is thousands of small fields, and each update call has its cost. */
    private static final int BUFFER = 512;

    private final MessageDigest digest = digest();
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;

    /** A string, or null. */
    public KeyWriter string(String text) {
        if (text == null) {
            return tag('n');
        }
        tag('s').length(text.length());
        // UTF-16 code units as they are, big-endian: UTF-8 would turn every lone surrogate into the same '?'.
        for (int i = 0; i < text.length(); i++) {
            if (buffered > BUFFER - 2) {
                flush();
            }
            char unit = text.charAt(i);
            buffer[buffered++] = (byte) (unit >>> 8);
            buffer[buffered++] = (byte) unit;
        }
        return this;
    }

    public KeyWriter number(long number) {
        tag('i');
        for (int shift = 56; shift >= 0; shift -= 8) {
            put((byte) (number >>> shift));
        }
        return this;
    }

    public KeyWriter bool(boolean flag) {
        return tag(flag ? 't' : 'f');
    }

    public KeyWriter bytes(byte[] bytes) {
        tag('b').length(bytes.length);
        flush();
        digest.update(bytes);
        return this;
    }

    /** Any value of the types the class notes list; refuses others, naming their type. */
    public KeyWriter value(Object value) {
        switch (value) {
            case null -> tag('n');
            case String text -> string(text);
            case Integer number -> number(number);
            case Long number -> number(number);
            case Boolean flag -> bool(flag);
            case Enum<?> constant -> tag('e').string(constant.getDeclaringClass().getName()).string(constant.name());
            case Optional<?> optional -> {
                if (optional.isPresent()) {
                    tag('O').value(optional.get());
                } else {
                    tag('o');
                }
            }
            case Collection<?> items -> {
                tag('l').length(items.size());
                items.forEach(this::value);
            }
            case Map<?, ?> map -> map(map);
            case byte[] bytes -> bytes(bytes);
            case Fingerprinted fields -> {
                tag('r').string(fields.getClass().getName());
                fields.fingerprint(this);
                tag(')');
            }
            default -> throw refused(value);
        }
        return this;
    }

    private void map(Map<?, ?> map) {
        SortedMap<String, Object> sorted = new TreeMap<>();
        map.forEach((key, item) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("a memo key's map keys must be strings, not "
                        + (key == null ? "null" : key.getClass().getName()));
            }
            sorted.put(name, item);
        });
        tag('m').length(sorted.size());
        sorted.forEach((name, item) -> string(name).value(item));
    }

    private static IllegalArgumentException refused(Object value) {
        return new IllegalArgumentException("cannot key a " + value.getClass().getName() + ": a memo key takes "
                + "strings, integers, booleans, enums, Optional, collections, maps with string keys, bytes and "
                + Fingerprinted.class.getName() + " values, whose every field it writes (a toString may leave "
                + "one out, and the memo would then keep a stale file)");
    }

    private KeyWriter tag(char tag) {
        put((byte) tag);
        return this;
    }

    private void length(int length) {
        put((byte) (length >>> 24));
        put((byte) (length >>> 16));
        put((byte) (length >>> 8));
        put((byte) length);
    }

    private void put(byte b) {
        if (buffered == BUFFER) {
            flush();
        }
        buffer[buffered++] = b;
    }

    private void flush() {
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }

    /** The key of everything written, in hex; the writer is spent. */
    public String sha256() {
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of bytes as they are, in hex: a copied file's key, an index's checksum. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
