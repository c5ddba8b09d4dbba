package org.godshell.toaster.spp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one process of a {@code persistent:} plugin: started at its first request, asked one request at a time,
 * killed when a request goes wrong and started again at the next one.
 *
 * <p>Thread-safe: sessions queue on a lock, since one pipe carries one conversation. A process is shared by
 * every session and by every reload of the smtpplugins files that name its program, and lives until the server
 * stops, when its stdin closes. A {@link ReentrantLock}, not {@code synchronized}, because sessions run on
 * virtual threads that must not pin their carrier while they wait.
 */
final class LongRunningProcess {

    private final Path program;
    private final Path home;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder stderr = new StringBuilder();
    private Process process;
    private InputStream fromPlugin;
    private OutputStream toPlugin;
    /** Whether the current request got its whole answer; guarded by the lock. */
    private boolean answered;

    /** Why a request got no answer; the plugin fails (451) and the process is killed. */
    static final class Failure extends Exception {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }

    LongRunningProcess(Path program, Path home) {
        this.program = program;
        this.home = home;
    }

    /**
     * Writes {@code request} and reads the answer's lines up to the empty line that ends it, all within
     * {@code timeout}, waiting for the lock included. Past it the process is killed, which ends the blocked read.
     */
    List<String> ask(String request, Duration timeout) throws Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Failure("busy: the previous request did not end within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        try {
            Process running = started();
            answered = false;
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    timedOut.set(true);
                    kill(running);
                } catch (InterruptedException e) {
                    // The answer came in time.
                }
            });
            try {
                toPlugin.write(request.getBytes(StandardCharsets.UTF_8));
                toPlugin.flush();
                List<String> lines = answer();
                answered = true;
                return lines;
            } catch (IOException | Failure e) {
                throw new Failure(timedOut.get() ? "timeout after " + timeout.toSeconds() + " s"
                        : e instanceof Failure ? e.getMessage() : "the plugin died: " + e.getMessage());
            } finally {
                watchdog.interrupt();
                // A process that failed, or that the watchdog reached even as its answer came, may hold half
                // an answer or be dying: the next request must not read from it.
                if (timedOut.get() || !answered) {
                    kill(running);
                    process = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the process wrote on stderr since the last call, for the log; taking it clears it. */
    String takeStderr() {
        synchronized (stderr) {
            String text = stderr.toString();
            stderr.setLength(0);
            return text;
        }
    }

    private Process started() throws Failure {
        if (process != null && process.isAlive()) {
            return process;
        }
        ProcessBuilder builder = new ProcessBuilder(program.toString()).directory(home.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", PluginRunner.PATH);
        builder.environment().put("TOASTER_HOME", home.toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("cannot execute: " + e.getMessage());
        }
        fromPlugin = new BufferedInputStream(process.getInputStream());
        toPlugin = process.getOutputStream();
        InputStream errors = process.getErrorStream();
        // A platform thread: this read blocks in native code for the process's whole life, and a virtual thread
        // there would pin its carrier; with one pinned carrier per program, a small host's carriers run out and
        // every virtual thread of the server (sessions, plugin output, deadlines) waits forever.
        Thread.ofPlatform().daemon().name("spp-stderr " + program.getFileName()).start(() -> drain(errors));
        return process;
    }

    /** Lines up to the empty line; at most {@link PluginRunner#MAX_OUTPUT} bytes, as for a process plugin. */
    private List<String> answer() throws IOException, Failure {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int b;
        while ((b = fromPlugin.read()) != -1) {
            if (++total > PluginRunner.MAX_OUTPUT) {
                throw new Failure("more than " + PluginRunner.MAX_OUTPUT + " bytes of output");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
            line.reset();
        }
        throw new Failure("the plugin closed its output before the empty line that ends an answer");
    }

    /** Keeps the last {@link PluginRunner#MAX_STDERR} characters of stderr until a request takes them. */
    private void drain(InputStream errors) {
        byte[] buffer = new byte[4096];
        try (errors) {
            int n;
            while ((n = errors.read(buffer)) > 0) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > PluginRunner.MAX_STDERR) {
                        stderr.delete(0, stderr.length() - PluginRunner.MAX_STDERR);
                    }
                }
            }
        } catch (IOException e) {
            // The process ended: its stderr is all there.
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
