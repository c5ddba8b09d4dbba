package org.godshell.toaster.installer.imap;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.template.Template;

/**
 * The installer's Dovecot configuration, {@link org.godshell.toaster.layout.Imap#DROP_IN}: IMAP and IMAPS from the
 * toaster's passwd files and Maildirs, with the toaster's certificate, in the syntax of the Dovecot that runs.
 *
 * @param prefix the toaster's prefix, absolute
 * @param user   the user (and group) that owns the mail and that Dovecot's mail processes run as
 * @param syntax 2.3's or 2.4's
 */
public record DropIn(Path prefix, String user, DovecotVersion.Syntax syntax) {

    /**
     * What a Dovecot setting carries as a plain word, with nothing its parser reads specially: no space or quote
     * (a value's end), no {@code #} (a comment), no {@code %} or {@code $} (variables), no {@code <} (a file's
     * content), no {@code {}} (sections), no line break (a new setting).
     */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]{0,200}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** The file's text. */
    public String render() throws UnsafeValueException {
        String root = prefix.toString();
        if (!PLAIN_PATH.matcher(root).matches() || root.contains("/../") || root.endsWith("/..")) {
            throw new UnsafeValueException("the prefix " + printable(root) + " has characters a Dovecot setting "
                    + "cannot carry as they are (space, quote, #, %, $, line break); choose a plain --prefix such as "
                    + "/opt/toaster, or install with --no-imap and configure Dovecot yourself");
        }
        if (!USER.matcher(user).matches()) {
            throw new UnsafeValueException("the user name " + printable(user) + " is not a plain system user name");
        }
        String template = switch (syntax) {
            case V2_3 -> "dovecot-2.3.conf";
            case V2_4 -> "dovecot-2.4.conf";
        };
        return Template.resource(template).render(Map.of("prefix", root, "user", user));
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
