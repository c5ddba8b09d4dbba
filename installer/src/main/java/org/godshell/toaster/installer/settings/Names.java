package org.godshell.toaster.installer.settings;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The grammar of the names the installer accepts: host and domain names as RFC 1123 §2.1 LDH labels, and
 * mailbox addresses as a dot-atom local part (RFC 5321 §4.1.2, without quoted strings) at such a domain.
 * Anything else is refused: these values end up in control files, unit files and argv.
 */
public final class Names {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private Names() {
    }

    /** The host name in lower case, or an exception saying what is wrong with it. */
    public static String hostName(String option, String raw) throws SettingsException {
        String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            throw new SettingsException(option + " must be a host name of 1 to 253 characters, such as mail.example.org");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new SettingsException(option + " \"" + printable(raw) + "\" is not a host name: each part "
                        + "between dots is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
        }
        return name;
    }

    /** A fully qualified name has at least two labels; {@code localhost} and {@code vm} do not. */
    public static boolean qualified(String hostName) {
        return hostName.contains(".");
    }

    /** The mailbox address, with the domain in lower case. */
    public static String address(String option, String raw) throws SettingsException {
        String text = raw == null ? "" : raw.strip();
        int at = text.lastIndexOf('@');
        if (at <= 0 || at > 64 || !LOCAL_PART.matcher(text.substring(0, at)).matches()) {
            throw new SettingsException(option + " \"" + printable(raw) + "\" is not a mailbox address such as "
                    + "postmaster@example.org");
        }
        return text.substring(0, at) + "@" + hostName(option + " (its domain)", text.substring(at + 1));
    }

    /** The domain part of an address {@link #address} accepted. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** The mail domain a host name suggests: mail.example.org serves example.org; example.org serves itself. */
    public static String domainOfHost(String hostName) {
        String[] labels = hostName.split("\\.");
        return labels.length >= 3 ? hostName.substring(hostName.indexOf('.') + 1) : hostName;
    }

    static String printable(String raw) {
        String text = raw == null ? "" : raw;
        return (text.length() > 80 ? text.substring(0, 80) + "..." : text).replaceAll("\\p{Cntrl}", "?");
    }
}
