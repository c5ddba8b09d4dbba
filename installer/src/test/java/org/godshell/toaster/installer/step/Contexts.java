package org.godshell.toaster.installer.step;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;

/** Step contexts for tests: a prefix in a temporary directory, output collected in a string. */
final class Contexts {

    private Contexts() {
    }

    static StepContext of(Path root, Mode mode, Optional<Settings.KeyPair> certificate, StringWriter out)
            throws Exception {
        return of(root, mode, certificate, Optional.empty(), Path.of("/proc"), out);
    }

    /** On a host that {@code systemd} runs (a {@link FakeSystemctl}), with {@code proc} as its /proc. */
    static StepContext of(Path root, Mode mode, Optional<Settings.KeyPair> certificate, Optional<Systemd> systemd,
            Path proc, StringWriter out) throws Exception {
        return of(root, mode, certificate, systemd, proc, true, true, out);
    }

    /** A system install whose wiki leaves ports 80 and 443 to another web server ({@code --no-wiki-ports}). */
    static StepContext behindProxy(Path root, StringWriter out) throws Exception {
        return of(root, Mode.SYSTEM, Optional.empty(), Optional.empty(), Path.of("/proc"), false, true, out);
    }

    /** A system install whose loopback clients must log in to relay ({@code --no-loopback-relay}). */
    static StepContext noLoopbackRelay(Path root, StringWriter out) throws Exception {
        return of(root, Mode.SYSTEM, Optional.empty(), Optional.empty(), Path.of("/proc"), true, false, out);
    }

    /** A system install on a host with {@code dovecot} (a {@link FakeDovecot}) and maybe systemd. */
    static StepContext withDovecot(Path root, Optional<Systemd> systemd, Dovecot dovecot, boolean start,
            StringWriter out) throws Exception {
        Prefix prefix = Prefix.of(root.toString());
        Settings settings = new Settings(prefix.root(), "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), Optional.empty(), Mode.SYSTEM, start, Path.of(System.getProperty("java.home"), "bin",
                "java"), true, true, true, Optional.empty());
        return new StepContext(settings, prefix, new Commands(settings.java()), new PrintWriter(out, true),
                systemd, Path.of("/proc"), Optional.empty(), new StepContext.Changes(), dovecot);
    }

    /** A system install with {@code --users}: the users in {@code users}, on a host with {@code dovecot}. */
    static StepContext withUsers(Path root, Optional<Systemd> systemd, Dovecot dovecot,
            org.godshell.toaster.installer.settings.UsersDatabase users, Optional<Path> passwordFile,
            StringWriter out) throws Exception {
        Prefix prefix = Prefix.of(root.toString());
        Settings settings = new Settings(prefix.root(), "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), passwordFile, Mode.SYSTEM, true, Path.of(System.getProperty("java.home"), "bin",
                "java"), true, true, true, Optional.empty(), Optional.of(users));
        return new StepContext(settings, prefix, new Commands(settings.java()), new PrintWriter(out, true),
                systemd, Path.of("/proc"), Optional.empty(), new StepContext.Changes(), dovecot);
    }

    private static StepContext of(Path root, Mode mode, Optional<Settings.KeyPair> certificate,
            Optional<Systemd> systemd, Path proc, boolean wikiPorts, boolean loopbackRelay, StringWriter out)
            throws Exception {
        Prefix prefix = Prefix.of(root.toString());
        Settings settings = new Settings(prefix.root(), "mail.example.org", "example.org", "postmaster@example.org",
                certificate, Optional.empty(), mode, false, Path.of(System.getProperty("java.home"), "bin", "java"),
                wikiPorts, loopbackRelay, true, Optional.empty());
        return new StepContext(settings, prefix, new Commands(settings.java()), new PrintWriter(out, true),
                systemd, proc, Optional.empty(), new StepContext.Changes(), FakeDovecot.absent(root));
    }
}
