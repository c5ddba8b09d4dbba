package org.godshell.toaster.installer.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code cache/}: the JVM's class cache that {@code bin/toaster} starts from (lib/toaster-java.sh,
 * {@code toaster_jvm_cache}), made by a training run: smtpd started on a scratch copy of the prefix, listening on
 * ports the kernel picks, stopped once it listens; with {@code TOASTER_JVM_CACHE=create} the JVM writes the
 * classes that start loaded (and on Java 25 their profiles) when it exits. It runs after the daemons start, so
 * the install serves first; it is only speed, so a failure is reported and the install goes on. The file is
 * named after the Java that made it and must be newer than every jar, or it is made again.
 */
final class JvmCacheStep implements Step {

    static final String DIRECTORY = "cache";
    /** The training run's start and the JVM's writing of the cache, on a busy small host. */
    private static final long LIMIT_SECONDS = 180;

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
        return "the JVM's class cache in " + directory() + " (a training start of smtpd; faster starts after)";
    }

    private Path directory() {
        return context.root().resolve(DIRECTORY);
    }

    /** As the launcher names it: after the Java's runtime version in its release file (JEP 220). */
    Path cacheFile() throws IOException {
        Path home = context.settings().java().toRealPath().getParent().getParent();
        Optional<String> runtime = release(home.resolve("release"));
        int major = Runtime.version().feature();
        String name = "java-" + runtime.orElse(String.valueOf(major));
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
        Path cache = cacheFile();
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
        Path scratch = Files.createTempDirectory("toaster-training");
        try {
            Optional<String> failure = train(scratch);
            if (failure.isPresent() || !isDone()) {
                Files.deleteIfExists(cacheFile());
                context.out().println("         no cache (" + failure.orElse("the JVM wrote none")
                        + "): the toaster starts without one");
            } else {
                // Readable by the daemons' user whatever the installer's umask; writable by its owner only.
                Files.setPosixFilePermissions(directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(cacheFile(), PosixFilePermissions.fromString("rw-r--r--"));
            }
        } finally {
            ScratchPrefix.delete(scratch);
        }
    }

    /** Starts smtpd on the scratch prefix and stops it once it listens; empty when it went so. */
    private Optional<String> train(Path scratch) throws IOException {
        ScratchPrefix.lay(context.root(), scratch);
        ProcessBuilder builder = new ProcessBuilder(context.toaster("smtpd", "--prefix", scratch.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TOASTER_JAVA", context.settings().java().toString());
        builder.environment().put("TOASTER_JVM_CACHE", "create");
        Process smtpd = builder.start();
        // The limit holds even when smtpd neither says it listens nor exits: the kill ends the read below.
        Thread.ofVirtual().start(() -> {
            try {
                if (!smtpd.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    smtpd.destroyForcibly();
                }
            } catch (InterruptedException e) {
                smtpd.destroyForcibly();
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(smtpd.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean listening = false;
            while (!listening && (line = out.readLine()) != null) {
                listening = line.startsWith("smtpd: listening on ");
            }
            smtpd.destroy();                                    // SIGTERM: the JVM exits and writes the cache
            if (!smtpd.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                smtpd.destroyForcibly();
                return Optional.of("the training run did not end within " + LIMIT_SECONDS + " s");
            }
            return listening ? Optional.empty()
                    : Optional.of("the training run of smtpd ended without listening");
        } catch (InterruptedException e) {
            smtpd.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The copy of the prefix the training run starts on: its name and certificate, ports the kernel picks. */
    static final class ScratchPrefix {

        private static final List<String> COPIED = List.of("me", "servercert.pem");
        private static final List<String> LISTENERS = List.of("listen-smtp", "listen-submission");

        private ScratchPrefix() {
        }

        static void lay(Path prefix, Path scratch) throws IOException {
            Path control = Files.createDirectories(scratch.resolve("control"));
            for (String name : COPIED) {
                Path file = prefix.resolve("control").resolve(name);
                if (Files.isRegularFile(file)) {
                    Files.copy(file, control.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            boolean tls = Files.isRegularFile(control.resolve("servercert.pem"));
            for (String name : LISTENERS) {
                if (tls || name.equals("listen-smtp")) {
                    Files.writeString(control.resolve(name), "127.0.0.1:0\n");
                }
            }
        }

        static void delete(Path scratch) throws IOException {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
