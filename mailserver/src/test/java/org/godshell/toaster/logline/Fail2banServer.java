package org.godshell.toaster.logline;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.dkim.PeerPrograms;

/**
 * A real fail2ban server with one jail on a log file: the shipped filter, Debian's {@code dummy} action (which
 * only writes the bans to a file: no firewall is touched), in a directory of its own with its own socket and no
 * database. It runs in the time zone {@code JST-9}, so a filter that read the toaster's UTC times as local times
 * would see every line nine hours old and ban nobody. Missing, it skips the test (fails under CI=true).
 */
public final class Fail2banServer implements AutoCloseable {

    public static final Path CLIENT = Path.of("/usr/bin/fail2ban-client");
    private static final Path DUMMY = Path.of("/etc/fail2ban/action.d/dummy.conf");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path conf;
    private final String jail;

    private Fail2banServer(Path conf, String jail) {
        this.conf = conf;
        this.jail = jail;
    }

    /** Starts fail2ban with the jail {@code filter} on {@code log}: {@code maxretry} matches in 15 minutes ban. */
    public static Fail2banServer start(Path dir, String filter, Path log, int maxretry) throws Exception {
        PeerPrograms.require(CLIENT, "fail2ban");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path filters = Files.createDirectories(conf.resolve("filter.d"));
        try (DirectoryStream<Path> shipped = Files.newDirectoryStream(Fail2banRegex.filter(filter).getParent())) {
            for (Path file : shipped) {
                Files.copy(file, filters.resolve(file.getFileName()));
            }
        }
        Files.copy(DUMMY, Files.createDirectories(conf.resolve("action.d")).resolve("dummy.conf"));
        Files.writeString(conf.resolve("fail2ban.conf"), String.join("\n", "[Definition]", "loglevel = INFO",
                "logtarget = " + dir.resolve("fail2ban.log"), "socket = " + dir.resolve("fail2ban.sock"),
                "pidfile = " + dir.resolve("fail2ban.pid"), "dbfile = :memory:", ""));
        Files.writeString(conf.resolve("jail.conf"), String.join("\n", "[" + filter + "]", "enabled = true",
                "filter = " + filter, "backend = polling", "logpath = " + log, "maxretry = " + maxretry,
                "findtime = 15m", "bantime = 1h", "action = dummy[target=\"" + dir.resolve("bans") + "\"]",
                // Tests talk over loopback only; fail2ban would otherwise never count this host's own addresses.
                "ignoreself = false", ""));
        Fail2banServer server = new Fail2banServer(conf, filter);
        server.client("-x", "start");
        return server;
    }

    /** Once the jail has counted {@code failures} matches: the addresses it banned, once there are {@code bans}. */
    public List<String> banned(int failures, int bans) throws Exception {
        await("Total failed:", Integer.toString(failures));
        await("Currently banned:", Integer.toString(bans));
        String list = status("Banned IP list:").orElse("");
        return list.isBlank() ? List.of() : List.of(list.split("\\s+"));
    }

    private void await(String field, String value) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<String> now = status(field);
            if (now.isPresent() && now.get().equals(value)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("fail2ban's " + jail + " did not reach " + field + " " + value + " within "
                        + PATIENCE.toSeconds() + " s: " + String.join("\n", client("status", jail)));
            }
            Thread.sleep(200);
        }
    }

    /** A field of {@code fail2ban-client status JAIL}, such as "Total failed:". */
    private Optional<String> status(String field) throws Exception {
        return client("status", jail).stream().filter(line -> line.contains(field))
                .map(line -> line.substring(line.indexOf(field) + field.length()).strip()).findFirst();
    }

    private List<String> client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CLIENT.toString(), "-c", conf.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TZ", "JST-9");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        PeerPrograms.finish(process, command);
        return out.lines().toList();
    }

    /** Stops the server; if it does not stop, ends the process its pid file names. */
    @Override
    public void close() throws IOException {
        try {
            client("stop");
        } catch (Exception | AssertionError e) {
            Path pidFile = conf.resolveSibling("fail2ban.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(handle -> {
                    handle.destroy();
                    handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                });
            }
        }
    }
}
