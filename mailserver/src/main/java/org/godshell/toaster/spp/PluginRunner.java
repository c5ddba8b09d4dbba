package org.godshell.toaster.spp;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plugin as its own process (qmail-spp.md §3): the session's variables are its whole environment (plus
 * {@code PATH} and {@code TOASTER_HOME}), stdin is {@code /dev/null} (in {@code [body]}, the message), stdout is
 * read as commands, stderr is kept for the log. A plugin that outlives its timeout is killed with its children
 * and fails; so does one that prints more than {@link #MAX_OUTPUT} bytes.
 */
public final class PluginRunner {

    /** More output than any honest plugin prints; beyond it the plugin is killed (hostile-input.md). */
    static final int MAX_OUTPUT = 64 * 1024;
    static final int MAX_STDERR = 8 * 1024;
    /** qmail-spp.md §3: the exit code that means "cannot execute". */
    static final int CANNOT_EXECUTE = 120;
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final File DEV_NULL = new File("/dev/null");

    private final Path home;
    private final Duration timeout;

    public PluginRunner(Path home, Duration timeout) {
        this.home = home;
        this.timeout = timeout;
    }

    /**
     * Runs {@code plugin} with {@code stdin} as its standard input, else {@code /dev/null}. The file is handed to
     * the process as it is, not piped through us: a plugin that never reads it cannot block on a full pipe,
     * and none of ours waits on a plugin that reads slowly.
     */
    PluginRun run(ProcessPlugin plugin, Map<String, String> environment, Optional<Path> stdin) {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(plugin.argv())
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin.map(Path::toFile).orElse(DEV_NULL)));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("TOASTER_HOME", home.toString());
        env.putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return PluginRun.failed(plugin, "cannot execute: " + e.getMessage(), "", micros(start));
        }
        Capture stdout = new Capture(process.getInputStream(), MAX_OUTPUT);
        Capture stderr = new Capture(process.getErrorStream(), MAX_STDERR);
        Thread out = Thread.ofVirtual().start(stdout);
        Thread err = Thread.ofVirtual().start(stderr);
        try {
            long deadline = start + timeout.toNanos();
            // Output first: it ends at EOF or when the plugin has said too much; then the exit, which a plugin
            // that closed stdout but kept running may never give.
            boolean drained = out.join(left(deadline));
            boolean exited = drained && !stdout.overflowed() && process.waitFor(left(deadline).toNanos(),
                    TimeUnit.NANOSECONDS);
            if (!exited) {
                kill(process);
                out.join(Duration.ofSeconds(1));
                err.join(Duration.ofSeconds(1));
                String reason = stdout.overflowed() ? "more than " + MAX_OUTPUT + " bytes of output"
                        : "timeout after " + timeout.toSeconds() + " s";
                return PluginRun.failed(plugin, reason, stderr.text(), micros(start));
            }
            err.join(Duration.ofSeconds(1));
            int exit = process.exitValue();
            return new PluginRun(plugin, stdout.lines(), stderr.text(), exit, failure(exit), micros(start));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return PluginRun.failed(plugin, "interrupted", stderr.text(), micros(start));
        }
    }

    /**
     * Exit status is not a verdict, except 120; the JVM reports death by signal N as 128 + N, as shells do, so
     * an exit code above 128 is taken as a crash.
     */
    private static Optional<String> failure(int exit) {
        if (exit == CANNOT_EXECUTE) {
            return Optional.of("cannot execute (exit 120)");
        }
        if (exit > 128) {
            return Optional.of("crashed (signal " + (exit - 128) + ")");
        }
        return Optional.empty();
    }

    /** Kills the plugin and everything it started: a {@code :} line's shell may have children holding stdout. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    /** Reads a stream to its end, keeping at most {@code limit} bytes and noting when there was more. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Capture(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int keep = Math.min(n, limit - bytes.size());
                    bytes.write(buffer, 0, keep);
                    if (keep < n) {
                        overflowed = true;
                        return;
                    }
                }
            } catch (IOException e) {
                // The process was killed, or closed its end: what was read is all there is.
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Output lines, split at LF; a CR before it is dropped, as a plugin written on Windows would leave it. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String line : text().split("\n", -1)) {
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }
    }
}
