package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for systemctl, for the steps' tests: a shell script that keeps each unit's state as a file
 * ({@code enabled/UNIT}, {@code active/UNIT}, {@code stale/UNIT}: changed on disk since the last daemon-reload)
 * and logs every call, one line each, to {@code calls}. It knows the verbs the installer uses; is-active,
 * is-enabled and show answer for one unit, as the installer asks them.
 */
final class FakeSystemctl {

    private static final String SCRIPT = """
            #!/bin/sh
            state=$(dirname "$0")
            echo "$*" >> "$state/calls"
            verb=$1; shift
            now=no
            for arg in "$@"; do
              case $arg in
                --now) now=yes ;;
                --*) ;;
                *)
                  case $verb in
                    is-active) test -e "$state/active/$arg"; exit $? ;;
                    is-enabled) test -e "$state/enabled/$arg"; exit $? ;;
                    show) if [ -e "$state/stale/$arg" ]; then echo yes; else echo no; fi ;;
                    enable) touch "$state/enabled/$arg"; [ $now = yes ] && touch "$state/active/$arg" ;;
                    disable) rm -f "$state/enabled/$arg"; [ $now = yes ] && rm -f "$state/active/$arg" ;;
                    start|restart) touch "$state/active/$arg" ;;
                    stop) rm -f "$state/active/$arg" ;;
                  esac ;;
              esac
            done
            [ "$verb" = daemon-reload ] && rm -f "$state"/stale/*
            exit 0
            """;

    private final Path dir;

    private FakeSystemctl(Path dir) {
        this.dir = dir;
    }

    /** A fake in {@code dir}, with an empty units directory beside its state. */
    static FakeSystemctl in(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("enabled"));
        Files.createDirectories(dir.resolve("active"));
        Files.createDirectories(dir.resolve("stale"));
        Files.createDirectories(dir.resolve("units"));
        Path script = dir.resolve("systemctl");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeSystemctl(dir);
    }

    Systemd systemd() {
        return new Systemd(dir.resolve("units"), dir.resolve("systemctl").toString());
    }

    /** Every call so far, one line each, without the program's name. */
    List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    void forgetCalls() throws IOException {
        Files.deleteIfExists(dir.resolve("calls"));
    }

    boolean enabled(String unit) {
        return Files.exists(dir.resolve("enabled").resolve(unit));
    }

    boolean active(String unit) {
        return Files.exists(dir.resolve("active").resolve(unit));
    }

    /** As systemd after a unit file changed on disk and before the next daemon-reload. */
    void changedOnDisk(String unit) throws IOException {
        Files.createFile(dir.resolve("stale").resolve(unit));
    }
}
