package org.godshell.toaster.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A toaster daemon run as an admin runs it: {@code toaster smtpd|pop3d|wiki serve --prefix DIR} in a process of
 * its own (the test's classpath), with stdout and stderr (its log) in files, so that what it printed can be read
 * after each edit. Public for the other tests that need the real daemons (the scanners').
 */
public final class Daemon implements AutoCloseable {

    private static final Pattern METRICS = Pattern.compile("https?://\\S+/metrics");
    private static final Pattern LISTENING = Pattern.compile(".*: listening on (?:https?://)?([0-9.]+):(\\d+)\\b.*");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;

    private Daemon(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
    }

    /** Starts {@code toaster COMMAND... --prefix PREFIX}; its output goes to {@code logs/NAME.out|.log}. */
    public static Daemon start(Path prefix, Path logs, String name, String... command) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.godshell.toaster.cli.Toaster"));
        argv.addAll(List.of(command));
        argv.addAll(List.of("--prefix", prefix.toString()));
        Path out = logs.resolve(name + ".out");
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(log.toFile());
        // Under `toaster start` this names a rotating log that would take the output away from these files.
        builder.environment().remove("TOASTER_LOG");
        return new Daemon(name, builder.start(), out, log);
    }

    /** The port of the first address the daemon says it listens on, once it has said so. */
    int port() throws Exception {
        return port("");
    }

    /**
     * The port of the first address the daemon says it listens on in a line with {@code kind} (such as
     * {@code "(SMTPS"} or {@code "https:"}), once it has said so.
     */
    public int port(String kind) throws Exception {
        return Await.value(name + " prints where it listens" + (kind.isEmpty() ? "" : " for " + kind) + " (its log: "
                + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ": " + log());
            }
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches() && line.contains(kind)) {
                    return Optional.of(Integer.parseInt(matcher.group(2)));
                }
            }
            return Optional.empty();
        });
    }

    /** The URL the daemon says it serves its metrics at ({@code metrics: http://...}), once it has said so. */
    public String metricsUrl() throws Exception {
        return Await.value(name + " prints where it serves metrics (its log: " + log + ")", () -> {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Matcher matcher = METRICS.matcher(line);
                if (line.contains("metrics") && matcher.find()) {
                    return Optional.of(matcher.group());
                }
            }
            return Optional.empty();
        });
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything the daemon has logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** How many log lines contain {@code text}. */
    long count(String text) throws IOException {
        return log().lines().filter(line -> line.contains(text)).count();
    }

    /** The first log line that contains every one of {@code texts}, once there is one. */
    String awaitLine(String... texts) throws Exception {
        return Await.value(name + " logs a line with " + List.of(texts), () -> log().lines()
                .filter(line -> List.of(texts).stream().allMatch(line::contains)).findFirst());
    }

    /** SIGTERM, as systemd stops it; SIGKILL if it has not stopped 10 s later. Plugins it started go too. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
