package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The copy of a prefix a training start runs on ({@link Training}): a few control files, removed after. */
final class ScratchPrefix {

    private ScratchPrefix() {
    }

    /** Copies those of {@code names} that are in the prefix's control/ into the scratch prefix's. */
    static void copyControl(Path prefix, Path scratch, List<String> names) throws IOException {
        Path control = Files.createDirectories(scratch.resolve("control"));
        for (String name : names) {
            Path file = prefix.resolve("control").resolve(name);
            if (Files.isRegularFile(file)) {
                Files.copy(file, control.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static void delete(Path scratch) throws IOException {
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
