package org.godshell.toaster.installer.imap;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.template.Template;

/**
 * How a renewed certificate reaches Dovecot. The toaster's daemons look at {@code control/servercert.pem} before
 * each handshake and need no signal; Dovecot reads it once, when it starts or reloads. A systemd path unit
 * watching the file starts a oneshot service that reloads Dovecot: it sees every writer (the installer, {@code
 * toaster cert}, certbot's hook, an admin's {@code cp}) without any of them knowing about Dovecot, and it costs no
 * process while nothing changes.
 *
 * @param prefix the toaster's prefix, absolute
 */
public record ReloadUnits(Path prefix) {

    /** The path unit, enabled; it starts {@link #SERVICE}. */
    public static final String PATH = "toaster-dovecot-reload.path";
    public static final String SERVICE = "toaster-dovecot-reload.service";
    /** Both, the path unit first (the one to enable, start and stop). */
    public static final List<String> UNITS = List.of(PATH, SERVICE);

    /** What a unit file can carry unquoted: no spaces, no % specifiers, no quotes, no line breaks. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]{0,200}");

    /** Each unit's name and text, in {@link #UNITS}' order. */
    public Map<String, String> render() throws UnsafeValueException {
        String root = prefix.toString();
        if (!PLAIN_PATH.matcher(root).matches()) {
            throw new UnsafeValueException("the prefix \"" + root.replaceAll("\\p{Cntrl}", "?") + "\" has characters "
                    + "a systemd unit cannot carry unquoted (space, %, quotes); choose a plain --prefix such as "
                    + "/opt/toaster");
        }
        Map<String, String> units = new LinkedHashMap<>();
        for (String unit : UNITS) {
            units.put(unit, Template.resource(unit).render(Map.of("prefix", root)));
        }
        return units;
    }
}
