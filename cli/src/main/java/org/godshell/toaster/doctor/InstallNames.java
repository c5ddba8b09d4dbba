package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.layout.InstallRecordFile;

/**
 * The names an install serves: its host name, its first mail domain, and whether it is an unprivileged demo. The
 * installer records them in {@code PREFIX/.toaster-install} ({@code key=value} lines); a toaster set up by hand
 * has none, and then the host name is {@code control/me} and the domain the host name's parent. A recorded value
 * that is not a host name is refused, never looked up or printed as a record.
 */
public record InstallNames(String hostName, String domain, boolean unprivileged) {

    static final String RECORD = InstallRecordFile.NAME;
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** The names of the toaster in {@code prefix}; {@code domain} overrides the recorded one when present. */
    public static InstallNames read(Path prefix, Optional<String> domain) throws IOException, ConfigException {
        Map<String, String> record = InstallRecordFile.read(prefix);
        Path control = prefix.resolve("control");
        String host = record.containsKey("hostname") ? record.get("hostname") : Controls.once(control).get(ControlFiles.ME);
        String chosen = domain.orElseGet(() -> record.getOrDefault("domain", parent(host)));
        return new InstallNames(checked(prefix.resolve(RECORD), "host name", host),
                checked(prefix.resolve(RECORD), "domain", chosen), "unprivileged".equals(record.get("mode")));
    }

    /** Whether {@code name} is a host name as DNS has them (RFC 1123 §2.1), lower case. */
    public static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether the host name has a dot: other servers can find it. */
    public boolean qualified() {
        return hostName.indexOf('.') > 0;
    }

    private static String parent(String host) {
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(dot + 1) : host;
    }

    private static String checked(Path file, String what, String value) throws ConfigException {
        if (!valid(value)) {
            throw new ConfigException(file, 0, "the " + what + " \"" + value.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a host name (lower-case letters, digits, '-' and dots)");
        }
        return value;
    }
}
