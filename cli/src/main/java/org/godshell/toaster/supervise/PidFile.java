package org.godshell.toaster.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code run/NAME.pid} and the check that the process it names is really this prefix's daemon NAME:
 * {@code /proc/PID/cmdline} must hold the toaster's main class, {@code -Dtoaster.home=PREFIX} and NAME.
 */
final class PidFile {

    private static final String MAIN_CLASS = "org.godshell.toaster.cli.Toaster";
    private static final int MAX_PID_FILE = 32;

    private final Path prefix;
    private final String daemon;

    PidFile(Path prefix, String daemon) {
        this.prefix = prefix;
        this.daemon = daemon;
    }

    Path file() {
        return prefix.resolve("run").resolve(daemon + ".pid");
    }

    /** The live process of this daemon, if the pid file names one. A damaged or stale file names none. */
    Optional<ProcessHandle> live() throws IOException {
        Path file = file();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_PID_FILE) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> ours(pid));
    }

    private boolean ours(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
            return args.contains(MAIN_CLASS) && args.contains(daemon)
                    && args.contains("-Dtoaster.home=" + prefix);
        } catch (IOException e) {
            return false;                                                  // gone, or not ours to read
        }
    }

    void write(long pid) throws IOException {
        Files.createDirectories(file().getParent());
        AtomicFile.write(file(), pid + "\n", "rw-r--r--");
    }

    void delete() throws IOException {
        Files.deleteIfExists(file());
    }
}
