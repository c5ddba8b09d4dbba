package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The installer jar carries {@code hostcheck} and {@code layout} alone (shaded from the mail server's jar, without
 * its libraries): an import of another toaster package or of a library would compile here and fail on a fresh
 * host.
 */
class StandaloneTest {

    @ParameterizedTest
    @ValueSource(strings = {"hostcheck", "layout"})
    void importsOnlyTheJdkAndItself(String name) throws IOException {
        Path sources = Path.of("src/main/java/org/godshell/toaster", name);
        assertTrue(Files.isDirectory(sources), "run from the mailserver module: " + sources.toAbsolutePath());
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String imported = line.strip();
                    if (imported.startsWith("import ") && !imported.matches("import (static )?(java|javax)\\..*")
                            && !imported.startsWith("import org.godshell.toaster." + name + ".")) {
                        foreign.add(file.getFileName() + ": " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign);
    }
}
