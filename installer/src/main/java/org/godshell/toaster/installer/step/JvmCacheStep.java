package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code cache/}: the JVM's class caches that {@code bin/toaster} starts from (lib/toaster-java.sh,
 * {@code toaster_jvm_cache}), each made by a {@link Training} start on a scratch prefix: smtpd's for every command
 * but the wiki's, the wiki's for {@code toaster wiki ...}. With {@code TOASTER_JVM_CACHE=create} the JVM writes
 * the classes that start loaded (and on Java 25 their profiles) when it exits. It runs after the daemons start,
 * so the install serves first; it is only speed, so a failure is reported and the install goes on. A file is
 * named after the Java that made it and must be newer than every jar, or it is made again.
 */
final class JvmCacheStep implements Step {

    static final String DIRECTORY = "cache";
    static final List<Training> TRAININGS = List.of(new SmtpdTraining(), new WikiTraining());

    private final StepContext context;

    JvmCacheStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "jvm-cache";
    }

    @Override
    public String describe() {
        return "the JVM's class caches in " + directory() + " (training starts of smtpd and of the wiki; faster "
                + "starts after)";
    }

    private Path directory() {
        return context.root().resolve(DIRECTORY);
    }

    /** As the launcher names it: after the Java's runtime version in its release file (JEP 220), and the family. */
    Path cacheFile(Training training) throws IOException {
        Path home = context.settings().java().toRealPath().getParent().getParent();
        Optional<String> runtime = release(home.resolve("release"));
        int major = Runtime.version().feature();
        String name = "java-" + runtime.orElse(String.valueOf(major)) + "-" + training.family();
        return directory().resolve(name + (major >= 25 ? ".aot" : ".jsa"));
    }

    private static Optional<String> release(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.matches("JAVA_RUNTIME_VERSION=\"[0-9A-Za-z.+-]+\""))
                    .map(line -> line.substring(line.indexOf('"') + 1, line.length() - 1)).findFirst();
        }
    }

    @Override
    public boolean isDone() throws IOException {
        for (Training training : TRAININGS) {
            if (!isMade(cacheFile(training))) {
                return false;
            }
        }
        return true;
    }

    private boolean isMade(Path cache) throws IOException {
        if (!Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS) || Files.size(cache) == 0) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(cache);
        try (Stream<Path> jars = Files.list(context.root().resolve("lib"))) {
            return jars.noneMatch(jar -> modified(jar).compareTo(made) > 0);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    @Override
    public void apply() throws IOException {
        Files.createDirectories(directory());
        try (Stream<Path> old = Files.list(directory())) {
            for (Path file : old.toList()) {
                Files.deleteIfExists(file);             // another Java's or an older install's: stale
            }
        }
        // Readable by the daemons' user whatever the installer's umask; writable by its owner only.
        Files.setPosixFilePermissions(directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Training training : TRAININGS) {
            make(training);
        }
    }

    /** One training, one after the other: at the same time they would share two processors with the daemons. */
    private void make(Training training) throws IOException {
        Path cache = cacheFile(training);
        long started = System.nanoTime();
        Path scratch = Files.createTempDirectory("toaster-training");
        Optional<String> failure;
        try {
            training.lay(context, scratch);
            failure = TrainingRun.run(context, training, scratch);
        } catch (StepException | IOException e) {
            failure = Optional.of(String.valueOf(e.getMessage()));
        } finally {
            ScratchPrefix.delete(scratch);
        }
        if (failure.isPresent() || !isMade(cache)) {
            Files.deleteIfExists(cache);
            context.out().println("         no " + training.family() + " cache (" + failure.orElse("the JVM wrote none")
                    + "): those commands start without one");
            return;
        }
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-r--r--"));
        context.out().println(String.format(Locale.ROOT, "         %s: %d MB, by %s in %.1f s", cache.getFileName(),
                Files.size(cache) >> 20, training.describe(), (System.nanoTime() - started) / 1e9));
    }
}
