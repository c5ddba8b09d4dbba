package org.godshell.toaster.deliver.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden notices in {@code src/test/resources/org/godshell/toaster/deliver/bounce/}, compared byte for byte
 * (CRLF kept: the directory's {@code .gitattributes} marks them binary). Run with {@code -Dgolden.update=true}
 * to rewrite them, then read the diff.
 */
final class Golden {

    private static final Path SOURCE = Path.of("src/test/resources/org/godshell/toaster/deliver/bounce");

    private Golden() {
    }

    static void check(String name, byte[] actual) throws IOException {
        Path golden = SOURCE.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no " + golden + "; run with -Dgolden.update=true to write it from:\n"
                    + new String(actual, StandardCharsets.UTF_8));
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                "golden notice " + name);
    }
}
