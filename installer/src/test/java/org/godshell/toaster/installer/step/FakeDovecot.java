package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Stand-ins for Dovecot's programs and apt-get, for the IMAP steps' tests: {@code dovecot --version} prints the
 * file {@code version}; {@code doveconf -n} prints the drop-ins of {@code conf.d/}, or fails as Dovecot does when
 * the file {@code broken} exists (always) or {@code refuse} exists (only while the installer's drop-in is there),
 * and prints no drop-in when {@code no-include} exists; {@code doveconf -h NAME} prints the file NAME or 500;
 * {@code apt-get install} brings {@code imap-login} (and the PostgreSQL driver with dovecot-pgsql), and fails
 * while {@code no-lists} exists, which {@code apt-get update} removes. Every call is logged to {@code calls}. The
 * real Dovecot is {@code RealDovecotTest}'s.
 */
final class FakeDovecot {

    private static final String DOVECOT = """
            #!/bin/sh
            state=$(dirname "$0")
            echo "dovecot $*" >> "$state/calls"
            cat "$state/version"
            """;
    private static final String DOVECONF = """
            #!/bin/sh
            state=$(dirname "$0")
            echo "doveconf $*" >> "$state/calls"
            if [ "$1" = -h ]; then cat "$state/$2" 2>/dev/null || echo 500; exit 0; fi
            if [ -e "$state/broken" ]; then cat "$state/broken" >&2; exit 89; fi
            if [ -e "$state/refuse" ] && [ -e "$state/conf.d/99-toaster.conf" ]; then
              echo "doveconf: Fatal: Error in configuration file $state/conf.d/99-toaster.conf line 9:" \\
                "Unknown setting: ssl_server_cert_file" >&2
              exit 89
            fi
            echo "# $(cat "$state/version"): $state/dovecot.conf"
            [ -e "$state/no-include" ] || cat "$state"/conf.d/*.conf 2>/dev/null
            exit 0
            """;
    private static final String APT_GET = """
            #!/bin/sh
            state=$(dirname "$0")
            echo "apt-get DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "$state/calls"
            for arg in "$@"; do
              case $arg in
                update) rm -f "$state/no-lists" ;;
                install)
                  if [ -e "$state/no-lists" ]; then echo "E: Unable to locate package dovecot-imapd" >&2; exit 100; fi
                  printf '#!/bin/sh\\n' > "$state/imap-login"; chmod 755 "$state/imap-login" ;;
                dovecot-pgsql) mkdir -p "$state/modules/auth"; : > "$state/modules/auth/libdriver_pgsql.so" ;;
              esac
            done
            exit 0
            """;

    private final Path dir;

    private FakeDovecot(Path dir) {
        this.dir = dir;
    }

    /** A host with Dovecot {@code version} (e.g. {@code 2.3.19.1 (9b53102964)}), its IMAP package installed or not. */
    static FakeDovecot in(Path dir, String version, boolean installed) throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("version"), version + "\n", StandardCharsets.UTF_8);
        script(dir.resolve("dovecot"), DOVECOT);
        script(dir.resolve("doveconf"), DOVECONF);
        script(dir.resolve("apt-get"), APT_GET);
        if (installed) {
            script(dir.resolve("imap-login"), "#!/bin/sh\n");
        }
        return new FakeDovecot(dir);
    }

    /** A host where nothing of Dovecot is: the tests of the other steps, which must not touch a real one. */
    static Dovecot absent(Path root) {
        Path none = root.resolveSibling("no-dovecot");
        return new Dovecot(none.resolve("dovecot"), none.resolve("doveconf"), none.resolve("imap-login"),
                none.resolve("apt-get"), none.resolve("conf.d/99-toaster.conf"));
    }

    Dovecot dovecot() {
        return new Dovecot(dir.resolve("dovecot"), dir.resolve("doveconf"), dir.resolve("imap-login"),
                dir.resolve("apt-get"), dir.resolve("conf.d/99-toaster.conf"));
    }

    /** Makes {@code file} exist with {@code text} ({@code broken}, {@code refuse}, {@code no-lists}, ...). */
    void set(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }

    Path dropIn() {
        return dir.resolve("conf.d/99-toaster.conf");
    }

    List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
