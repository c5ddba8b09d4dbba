package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar toaster-installer.jar} where the default java is older than 21 (Debian 12's 17, the CI
 * machine's too): the jar's launcher starts itself again with the newest Java 21+ in /usr/lib/jvm instead of
 * failing with UnsupportedClassVersionError.
 */
class OlderJavaIT {

    @TempDir
    Path temp;

    /** A java of version 17 to 20 in /usr/lib/jvm, read from its release file. */
    private static Optional<Path> olderJava() throws Exception {
        Path jvm = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvm)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvm)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(java) && Files.readString(release)
                        .matches("(?s).*JAVA_VERSION=\"(17|18|19|20)[.\"].*")) {
                    return Optional.of(java);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void anOlderJavaRunsTheInstallerWithANewerOne() throws Exception {
        Optional<Path> older = olderJava();
        if (older.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("CI=true, and its machine's default java is 17, but no Java 17 to 20 is in /usr/lib/jvm");
        }
        assumeTrue(older.isPresent(), "no Java 17 to 20 in /usr/lib/jvm");
        Path jar = Path.of("target", "toaster-installer.jar").toAbsolutePath();
        Path stdout = temp.resolve("out");
        Path stderr = temp.resolve("err");
        Process process = new ProcessBuilder(List.of(older.get().toString(), "-jar", jar.toString(), "--version"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the installer did not finish");
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out + err);
        assertTrue(err.matches("(?s)toaster-installer: this is Java 1[7-9] \\(.*\\); running with /usr/lib/jvm/.*"),
                err);
        assertTrue(out.contains("0.1.0"), out);
    }
}
