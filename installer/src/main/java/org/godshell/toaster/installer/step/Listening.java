package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;

/**
 * Whether the daemons of an install listen on every port its {@code control/listen-*} files name, held by this
 * toaster ({@link PortCheck}, from {@code /proc}): a service that systemd calls active may still be starting its
 * JVM, so the installer waits for the ports before it says the toaster runs.
 *
 * @param prefix the install
 * @param proc   {@code /proc}, or a fixture in tests
 */
public record Listening(Path prefix, Path proc) {

    /** The listen files of all daemons; smtpd's own has a default when missing, port 25. */
    static final List<String> FILES = List.of("listen-smtp", "listen-submission", "listen-smtps", "listen-pop3",
            "listen-pop3s", "listen-http", "listen-https");
    private static final long MAX_FILE_BYTES = 64 * 1024;

    /**
     * The ports the listen files name. Only the port is read (after the last colon, comments and blank lines
     * skipped): the daemon checks the rest, and refuses to start on a bad line, which then shows as a port that
     * never answers.
     */
    List<PortCheck.Port> ports() throws IOException {
        List<PortCheck.Port> ports = new ArrayList<>();
        for (String name : FILES) {
            Path file = prefix.resolve("control").resolve(name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
                if (name.equals("listen-smtp")) {
                    ports.add(new PortCheck.Port(name, 25));
                }
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                int colon = text.lastIndexOf(':');
                if (text.isEmpty() || text.startsWith("#") || colon < 0
                        || !text.substring(colon + 1).matches("[1-9][0-9]{0,4}")) {
                    continue;
                }
                PortCheck.Port port = new PortCheck.Port(name, Integer.parseInt(text.substring(colon + 1)));
                if (!ports.contains(port)) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }

    /** The ports not (yet) served by this toaster, as findings that say why; empty when all are. */
    public List<Finding> missing() throws IOException {
        return new PortCheck(proc).serving(ports(), prefix).stream()
                .filter(finding -> finding.level() != Finding.Level.OK).toList();
    }

    /** Waits until every port is served or {@code limit} has passed; returns what is still missing. */
    public List<Finding> await(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Finding> missing = missing();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            missing = missing();
        }
        return missing;
    }
}
