package org.godshell.toaster.installer.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.layout.InstallRecordFile;

/**
 * {@code PREFIX/.toaster-install}: the names and mode of the install, {@code key=value} per line, so that
 * upgrade, uninstall and doctor work on the same host name, domain and mode without being told again. Read by
 * {@link InstallRecordFile}, which the toaster's doctor shares; every value read is checked again like a typed
 * option.
 */
public final class InstallRecord {

    public static final String FILE = InstallRecordFile.NAME;
    /** {@code no} when the wiki leaves ports 80 and 443 to another web server; absent otherwise. */
    static final String WIKI_PORTS = "wikiports";
    /** {@code no} when loopback clients may not relay without logging in; absent otherwise. */
    static final String LOOPBACK_RELAY = "loopbackrelay";
    /** {@code no} when the installer leaves IMAP (Dovecot) alone ({@code --no-imap}); absent otherwise. */
    static final String IMAP = "imap";

    private InstallRecord() {
    }

    /** The file's text for these settings. */
    public static String render(Settings settings) {
        return "hostname=" + settings.hostName() + "\ndomain=" + settings.domain() + "\nadmin=" + settings.admin()
                + "\nmode=" + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + "\n"
                + (settings.wikiBehindProxy() ? WIKI_PORTS + "=no\n" : "")
                + (settings.loopbackRelay() ? "" : LOOPBACK_RELAY + "=no\n")
                + (settings.imap() ? "" : IMAP + "=no\n");
    }

    /** The recorded values of {@code prefix}; empty if it has none (nothing installed, or an install from before). */
    public static Map<String, String> read(Path prefix) throws IOException {
        return InstallRecordFile.read(prefix);
    }

    /** The recorded mode; empty when none is recorded. */
    public static Optional<Mode> mode(Map<String, String> record) {
        return Optional.ofNullable(record.get("mode")).flatMap(value -> switch (value) {
            case "system" -> Optional.of(Mode.SYSTEM);
            case "unprivileged" -> Optional.of(Mode.UNPRIVILEGED);
            default -> Optional.empty();
        });
    }
}
