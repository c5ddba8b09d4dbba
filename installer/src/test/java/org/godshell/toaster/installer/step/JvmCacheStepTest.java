package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.installer.settings.Mode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM cache step with a stand-in {@code bin/toaster}: the training run's scratch prefix, the cache it leaves,
 * a cache older than a jar made again, and a training run that fails leaving the install to go on.
 */
class JvmCacheStepTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private JvmCacheStep step;

    @BeforeEach
    void prefix() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/toaster-cli.jar"), "jar");
        Files.setLastModifiedTime(root.resolve("lib/toaster-cli.jar"), FileTime.fromMillis(1_000_000L));
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/me"), "mail.example.org\n");
        Files.writeString(root.resolve("control/servercert.pem"), "key and certificate\n");
        Files.writeString(root.resolve("control/smtpplugins"), "plugins/reject\n");
        step = new JvmCacheStep(Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), out));
    }

    /** A bin/toaster that says it listens, then on SIGTERM writes {@code written} as the JVM would its cache. */
    private void launcher(String written, boolean listens) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        String script = "#!/bin/sh\n"
                + "[ \"$TOASTER_JVM_CACHE\" = create ] || exit 3\n"
                + "ls \"$3/control\" > '" + root.resolve("scratch-control") + "'\n"
                + "cat \"$3/control/listen-smtp\" > '" + root.resolve("scratch-listen") + "'\n"
                + "trap 'umask 077; echo cache > \"" + written + "\"; exit 143' TERM\n"
                + (listens ? "echo 'smtpd: listening on 127.0.0.1:40000 as mail.example.org'\n" : "exit 1\n")
                + "while :; do sleep 0.05; done\n";
        Files.writeString(bin.resolve("toaster"), script);
        Files.setPosixFilePermissions(bin.resolve("toaster"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<Path> temporaryTrainingPrefixes() throws Exception {
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("toaster-training")).toList();
        }
    }

    @Test
    void theTrainingRunLeavesACacheNamedAfterTheJavaAndNoScratchPrefix() throws Exception {
        Path cache = step.cacheFile();
        assertTrue(cache.getFileName().toString().startsWith("java-" + Runtime.version().feature()), cache.toString());
        Files.createDirectories(cache.getParent());
        Files.writeString(cache.resolveSibling("java-20.0.1.jsa"), "another Java's");
        List<Path> before = temporaryTrainingPrefixes();
        launcher(cache.toString(), true);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone(), out.toString());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.getParent())));
        try (Stream<Path> left = Files.list(cache.getParent())) {
            assertEquals(List.of(cache), left.toList(), "the other Java's cache is gone");
        }
        assertEquals(List.of("listen-smtp", "listen-submission", "me", "servercert.pem"),
                Files.readAllLines(root.resolve("scratch-control")), "no plugins in the training run");
        assertEquals("127.0.0.1:0", Files.readString(root.resolve("scratch-listen")).strip());
        assertEquals(before, temporaryTrainingPrefixes());
    }

    @Test
    void aCacheOlderThanAJarIsMadeAgain() throws Exception {
        Path cache = step.cacheFile();
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "cache");
        assertTrue(step.isDone());
        Files.setLastModifiedTime(root.resolve("lib/toaster-cli.jar"),
                FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 60_000));
        assertFalse(step.isDone());
    }

    @Test
    void aTrainingRunThatFailsLeavesNoCacheAndTheInstallGoesOn() throws Exception {
        Path cache = step.cacheFile();
        launcher(cache.toString(), false);
        step.apply();
        assertFalse(Files.exists(cache));
        assertTrue(out.toString().contains("no cache (the training run of smtpd ended without listening)"), out.toString());
    }
}
