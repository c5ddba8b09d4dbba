package org.godshell.toaster.site.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key encoding: values that differ give different keys, however their text could line up, and a type the
 * writer cannot write whole is refused with its name.
 */
class KeyWriterTest {

    private static String key(Object... values) {
        KeyWriter writer = new KeyWriter();
        Arrays.stream(values).forEach(writer::value);
        return writer.sha256();
    }

    /**
     * The bytes a key is the SHA-256 of, written out here by hand: keys recorded by an earlier build (its index)
     * stay valid only while the writer feeds the digest exactly these bytes, however it gathers them.
     */
    @Test
    void feedsTheDigestTheDocumentedBytes() throws Exception {
        String lone = "x\ud800y" + "é".repeat(5000) + "\udc00";
        byte[] data = {1, 2, 3};
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write('s');
        expected.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(lone.length()).array());
        for (char unit : lone.toCharArray()) {
            expected.write(unit >>> 8);
            expected.write(unit);
        }
        expected.write('i');
        expected.writeBytes(java.nio.ByteBuffer.allocate(8).putLong(-42L).array());
        expected.write('b');
        expected.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        expected.writeBytes(data);
        expected.write('n');
        expected.write('t');
        assertEquals(KeyWriter.sha256(expected.toByteArray()),
                new KeyWriter().string(lone).number(-42L).bytes(data).string(null).bool(true).sha256());
    }

    /** A record without a fingerprint: its toString would do, until a field of some other type is added. */
    private record Unkeyed(String name) {
    }

    /** Two records with the same fields. */
    private record Pair(String first, String second) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(first).string(second);
        }
    }

    private record Link(String title, String url) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(title).string(url);
        }
    }

    static Stream<Arguments> distinct() {
        return Stream.of(
                Arguments.of(List.of("a", "bc"), List.of("ab", "c")),
                Arguments.of(List.of("a\u0000", "b"), List.of("a", "\u0000b")),
                Arguments.of(List.of(List.of("a"), List.of("b")), List.of(List.of("a", "b"))),
                Arguments.of(List.of(List.of(), List.of("a")), List.of(List.of("a"), List.of())),
                Arguments.of(Arrays.asList("null", "x"), Arrays.asList(null, "x")),
                Arguments.of(List.of("", "x"), Arrays.asList(null, "x")),
                Arguments.of(List.of("1"), List.of(1)),
                Arguments.of(List.of("true"), List.of(true)),
                Arguments.of(List.of(Optional.empty()), Arrays.asList((Object) null)),
                Arguments.of(List.of(Optional.of("a")), List.of("a")),
                Arguments.of(List.of(Optional.empty()), List.of(List.of())),
                Arguments.of(List.of(Map.of("a", "b")), List.of(List.of("a", "b"))),
                Arguments.of(List.of(Map.of("a", "bc")), List.of(Map.of("ab", "c"))),
                Arguments.of(List.of("\uD800"), List.of("\uDC00")),
                Arguments.of(List.of("\uD800"), List.of("?")),
                Arguments.of(List.of(new Pair("a", "b")), List.of(new Link("a", "b"))),
                Arguments.of(List.of(new Pair("a", "b")), List.of("a", "b")),
                Arguments.of(List.of(Thread.State.NEW), List.of("NEW")),
                Arguments.of(List.of(new byte[] {1, 2}), List.of(new byte[] {1}, new byte[] {2})),
                Arguments.of(List.of(-1), List.of(255)));
    }

    @ParameterizedTest
    @MethodSource("distinct")
    void distinctValuesHaveDistinctKeys(List<Object> one, List<Object> other) {
        assertNotEquals(key(one.toArray()), key(other.toArray()));
        assertNotEquals(key(one), key(other), "the same values inside a list");
    }

    @Test
    void equalValuesHaveEqualKeys() {
        TreeMap<String, Object> sorted = new TreeMap<>(Map.of("b", 2, "a", List.of("x"), "c", Optional.empty()));
        assertEquals(key(sorted), key(Map.of("c", Optional.empty(), "a", List.of("x"), "b", 2)),
                "a map's key does not depend on its order");
        assertEquals(key(List.of("a", 1)), key(new ArrayList<>(List.of("a", 1))), "any list");
        assertEquals(key(1), key(1L), "an Integer and a Long are the same number to a template");
        assertEquals(key(new Link("a", "b")), key(new Link("a", "b")));
    }

    static Stream<Object> unknown() {
        return Stream.of(new Object(), Instant.EPOCH, Path.of("a"), 1.5, new StringBuilder("a"),
                new Unkeyed("a"), List.of("a", new Unkeyed("a")), Map.of("a", Optional.of(Instant.EPOCH)),
                Map.of(1, "a"));
    }

    @ParameterizedTest
    @MethodSource("unknown")
    void anUnknownTypeIsRefusedByName(Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KeyWriter().value(value));
        assertTrue(e.getMessage().contains("cannot key a ") || e.getMessage().contains("map keys must be strings"),
                e.getMessage());
    }

    @Test
    void theRefusalNamesTheType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KeyWriter().value(List.of(new Unkeyed("a"))));
        assertTrue(e.getMessage().startsWith("cannot key a " + Unkeyed.class.getName() + ":"), e.getMessage());
    }

    @Test
    void bytesAreKeyedAsTheyAre() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", KeyWriter.sha256(new byte[0]),
                "SHA-256 of nothing");
    }
}
