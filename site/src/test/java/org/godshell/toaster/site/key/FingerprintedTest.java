package org.godshell.toaster.site.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.godshell.toaster.site.output.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Fingerprinted} type of the site, found among the compiled classes, keys all its fields: a sample
 * of it encodes (no field of a type the writer refuses), and changing any one field changes the key (no field
 * left out of its {@code fingerprint}). The samples are made by reflection, here in the test only: the main code
 * writes its fields by hand.
 */
class FingerprintedTest {

    /** How deep samples nest: a navigation entry holds entries. */
    private static final int DEPTH = 3;

    static List<Class<?>> types() throws IOException, URISyntaxException {
        Path classes = Path.of(KeyWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .<Class<?>>map(file -> load(classes, file))
                    .filter(type -> Fingerprinted.class.isAssignableFrom(type) && !type.isInterface())
                    .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
        }
    }

    private static Class<?> load(Path classes, Path file) {
        String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        try {
            return Class.forName(name.substring(0, name.length() - ".class".length()), false,
                    FingerprintedTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyViewAndSettingIsFound() throws Exception {
        List<Class<?>> types = types();
        for (Class<?> view : Views.class.getDeclaredClasses()) {
            assertTrue(types.contains(view), view + " is keyed by the memo, so it must be Fingerprinted");
        }
        assertTrue(types.size() > Views.class.getDeclaredClasses().length, "the settings and headings too: " + types);
    }

    @ParameterizedTest
    @MethodSource("types")
    void aSampleEncodes(Class<?> type) {
        assertTrue(type.isRecord(), type + ": a Fingerprinted type is a record, so this test can vary its fields");
        Object sample = sample(type, 0, 0);
        assertEquals(key(sample), key(sample(type, 0, 0)), "the same fields, the same key");
    }

    /**
     * KeyMemory takes a key over when the inputs are equal, so equal must mean every keyed field is equal: values
     * made alike are equal, and changing any one field makes them unequal (an equals written by hand that left a
     * field out would keep a stale file).
     */
    @ParameterizedTest
    @MethodSource("types")
    void equalValuesHaveEqualFieldsAndNoFieldIsLeftOutOfEquals(Class<?> type) {
        Object base = sample(type, 0, 0);
        assertEquals(base, sample(type, 0, 0), "values made alike are equal");
        RecordComponent[] components = type.getRecordComponents();
        for (int changed = 0; changed < components.length; changed++) {
            int field = changed;
            assertNotEquals(base, record(type, i -> i == field ? 1 : 0, 0),
                    type.getSimpleName() + "." + components[changed].getName() + " is left out of its equals");
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void changingAnyFieldChangesTheKey(Class<?> type) {
        String base = key(sample(type, 0, 0));
        RecordComponent[] components = type.getRecordComponents();
        for (int changed = 0; changed < components.length; changed++) {
            int field = changed;
            assertNotEquals(base, key(record(type, i -> i == field ? 1 : 0, 0)),
                    type.getSimpleName() + "." + components[changed].getName() + " is not in its fingerprint");
        }
    }

    private static String key(Object value) {
        return new KeyWriter().value(value).sha256();
    }

    /**
     * A value of {@code type}: variant 0 or 1, which differ in every field. Strings look like URLs, which every
     * string field accepts (a site URL must).
     */
    private static Object sample(Type type, int variant, int depth) {
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == List.class) {
                return depth >= DEPTH ? List.of() : List.of(sample(arguments[0], variant, depth + 1));
            }
            if (raw == Optional.class) {
                return Optional.of(sample(arguments[0], variant, depth + 1));
            }
            if (raw == Map.class && arguments[0] == String.class) {
                return Map.of("k", sample(arguments[1], variant, depth + 1));
            }
        } else if (type == String.class) {
            return "https://" + variant + ".example/";
        } else if (type == int.class || type == Integer.class) {
            return variant + 1;
        } else if (type == long.class || type == Long.class) {
            return variant + 1L;
        } else if (type == boolean.class || type == Boolean.class) {
            return variant == 1;
        } else if (type instanceof Class<?> constants && constants.isEnum()) {
            return constants.getEnumConstants()[variant];
        } else if (type instanceof Class<?> record && record.isRecord()) {
            return record(record, i -> variant, depth);
        }
        return fail("no sample of " + type + ": a field of this type cannot be keyed; write it as a type the "
                + "KeyWriter takes");
    }

    /** A record whose field i is of variant {@code variantOf(i)}. */
    private static Object record(Class<?> record, IntUnaryOperator variantOf, int depth) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] fields = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            fields[i] = sample(components[i].getGenericType(), variantOf.applyAsInt(i), depth + 1);
        }
        try {
            return record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(fields);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record + ": " + e, e);
        }
    }
}
