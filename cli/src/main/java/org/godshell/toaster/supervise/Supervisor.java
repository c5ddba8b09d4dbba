package org.godshell.toaster.supervise;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.godshell.toaster.layout.Daemons;

/**
 * Starts, stops and reports the toaster's daemons ({@code smtpd}, {@code pop3d}, {@code wiki serve}) of one
 * prefix.
 *
 * <p>A daemon starts as {@code setsid [setpriv ... --] PREFIX/bin/toaster NAME}: setsid gives it a session of its
 * own (closing the admin's terminal does not stop it); with a user, setpriv drops root to that user and group
 * keeping only CAP_NET_BIND_SERVICE, as the systemd unit does. It counts as started once its log says
 * "NAME: listening"; if it exits first, the end of its log is the error. The daemon rotates its log itself
 * ({@link RotatingLog}: 10 MiB, five older files); with a user, log/ and the log are that user's.
 */
public final class Supervisor {

    /** Names a daemon's log to the daemon, which then rotates it ({@link RotatingLog}). */
    public static final String LOG_ENV = "TOASTER_LOG";
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /**
     * How long a daemon may take to listen. Generous: on a small host busy with other work, three JVMs starting
     * at once (and the wiki's build) can take half a minute; a daemon that fails exits, and is reported at once.
     */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    /** What happened to one daemon; {@code line} is what to tell the admin. */
    public sealed interface Outcome permits Started, AlreadyRunning, Failed, Stopped, NotRunning {
        String line();
    }

    public record Started(String daemon, long pid) implements Outcome {
        public String line() {
            return daemon + ": started (pid " + pid + ")";
        }
    }

    public record AlreadyRunning(String daemon, long pid) implements Outcome {
        public String line() {
            return daemon + ": running (pid " + pid + ")";
        }
    }

    public record Failed(String daemon, String why) implements Outcome {
        public String line() {
            return daemon + ": did not start: " + why;
        }
    }

    public record Stopped(String daemon, long pid) implements Outcome {
        public String line() {
            return daemon + ": stopped (was pid " + pid + ")";
        }
    }

    public record NotRunning(String daemon) implements Outcome {
        public String line() {
            return daemon + ": not running";
        }
    }

    private final Path prefix;
    private final Path java;

    /** @param java the java the daemons run with (handed to bin/toaster as TOASTER_JAVA) */
    public Supervisor(Path prefix, Path java) {
        this.prefix = prefix;
        this.java = java;
    }

    /** Whether a user name is one setpriv may be given (Debian's useradd rule); others are refused. */
    public static boolean validUser(String user) {
        return USER.matcher(user).matches();
    }

    public Outcome status(String daemon) throws IOException {
        Optional<ProcessHandle> live = new PidFile(prefix, daemon).live();
        return live.<Outcome>map(handle -> new AlreadyRunning(daemon, handle.pid()))
                .orElse(new NotRunning(daemon));
    }

    public Outcome start(String daemon, Optional<String> user) throws IOException, InterruptedException {
        PidFile pidFile = new PidFile(prefix, daemon);
        Optional<ProcessHandle> live = pidFile.live();
        if (live.isPresent()) {
            return new AlreadyRunning(daemon, live.get().pid());
        }
        Path logs = Files.createDirectories(prefix.resolve("log"));
        Path log = logs.resolve(daemon + ".log");
        if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(log);
        }
        if (user.isPresent()) {
            // The daemon rotates its own log, so it must be able to rename in log/ as the user it runs as.
            owner(logs, user.get());
            owner(log, user.get());
        }
        long offset = Files.size(log);
        ProcessBuilder builder = new ProcessBuilder(argv(daemon, user))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().put("TOASTER_JAVA", java.toString());
        builder.environment().put(LOG_ENV, log.toString());
        Process process = builder.start();
        pidFile.write(process.pid());
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                pidFile.delete();
                return new Failed(daemon, "exit " + process.exitValue() + "; " + tail(log, offset) + " (log: " + log + ")");
            }
            if (tail(log, offset).contains(daemon + ": listening")) {
                return new Started(daemon, process.pid());
            }
        }
        return new Failed(daemon, "not listening after " + START_LIMIT.toSeconds() + " s (still pid "
                + process.pid() + "); see " + log);
    }

    public Outcome stop(String daemon) throws IOException, InterruptedException {
        PidFile pidFile = new PidFile(prefix, daemon);
        Optional<ProcessHandle> live = pidFile.live();
        if (live.isEmpty()) {
            pidFile.delete();
            return new NotRunning(daemon);
        }
        ProcessHandle handle = live.get();
        handle.destroy();                                                  // SIGTERM: the daemon stops gracefully
        try {
            handle.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IOException("waiting for pid " + handle.pid() + ": " + e.getCause(), e);
        }
        pidFile.delete();
        return new Stopped(daemon, handle.pid());
    }

    /** Gives {@code path} (not what a link there points to) to the user and the group of that name. */
    private static void owner(Path path, String user) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(lookup.lookupPrincipalByName(user));
        view.setGroup(lookup.lookupPrincipalByGroupName(user));
    }

    private List<String> argv(String daemon, Optional<String> user) {
        List<String> argv = new ArrayList<>(List.of("setsid"));
        user.ifPresent(name -> argv.addAll(List.of("setpriv", "--reuid=" + name, "--regid=" + name,
                "--init-groups", "--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service", "--")));
        argv.add(prefix.resolve("bin/toaster").toString());
        argv.add(daemon);
        if (daemon.equals("wiki")) {
            argv.add("serve");                                             // the wiki's daemon is "toaster wiki serve"
        }
        return argv;
    }

    /** What the log gained since {@code offset}, at most its last 2000 bytes, on one line. */
    private static String tail(Path log, long offset) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long start = Math.max(offset, channel.size() - 2000);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                continue;
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
        }
    }
}
