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
        Prefix prefix = Prefix.of(root.toString());
        Settings settings = new Settings(prefix.root(), "mail.example.org", "example.org", "postmaster@example.org",
                certificate, Optional.empty(), mode, false, Path.of(System.getProperty("java.home"), "bin", "java"));
        return new StepContext(settings, prefix, new Commands(settings.java()), new PrintWriter(out, true),
                root.resolveSibling("units"), false, Optional.empty(), new StepContext.Changes());
    }
}
