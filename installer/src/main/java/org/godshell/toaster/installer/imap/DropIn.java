package org.godshell.toaster.installer.imap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.template.Template;

/**
 * The installer's Dovecot configuration, {@link org.godshell.toaster.layout.Imap#DROP_IN}: IMAP and IMAPS from the
 * toaster's passwd files and Maildirs, with the toaster's certificate, in the syntax of the Dovecot that runs; and
 * its users in a file of their own that Dovecot reads first ({@link #users}).
 *
 * @param prefix the toaster's prefix, absolute
 * @param user   the user (and group) that owns the mail and that Dovecot's mail processes run as
 * @param syntax 2.3's or 2.4's
 * @param sql    with {@code --users}: the users in PostgreSQL; empty: the passwd files under {@code domains/}
 */
public record DropIn(Path prefix, String user, DovecotVersion.Syntax syntax, Optional<SqlUsers> sql) {

    /** The drop-in of the passwd files. */
    public DropIn(Path prefix, String user, DovecotVersion.Syntax syntax) {
        this(prefix, user, syntax, Optional.empty());
    }

    /**
     * What a Dovecot setting carries as a plain word, with nothing its parser reads specially: no space or quote
     * (a value's end), no {@code #} (a comment), no {@code %} or {@code $} (variables), no {@code <} (a file's
     * content), no {@code {}} (sections), no line break (a new setting).
     */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]{0,200}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** The text of the main file, {@link org.godshell.toaster.layout.Imap#DROP_IN}. */
    public String render() throws UnsafeValueException {
        return Template.resource(template() + ".conf").render(values(checkedPrefix()));
    }

    /**
     * The users' file's text, {@link org.godshell.toaster.layout.Imap#USERS_DROP_IN}: the passdb and userdb of the
     * passwd files or of the database, which Dovecot asks before the ones of Debian's own files (PAM).
     */
    public String users() throws UnsafeValueException {
        Map<String, String> values = values(checkedPrefix());
        return Template.resource("dovecot-users.conf").render(values)
                + Template.resource(template() + (sql.isPresent() ? "-sql.conf" : "-files.conf")).render(values);
    }

    /**
     * The connection file of the SQL users ({@link SqlUsers#FILE}), which holds the role's password; empty with the
     * passwd files.
     */
    public Optional<String> connection() throws UnsafeValueException {
        if (sql.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Template.resource(template() + "-sql.conf.ext").render(values(prefix.toString())));
    }

    private String checkedPrefix() throws UnsafeValueException {
        String root = prefix.toString();
        if (!PLAIN_PATH.matcher(root).matches() || root.contains("/../") || root.endsWith("/..")) {
            throw new UnsafeValueException("the prefix " + printable(root) + " has characters a Dovecot setting "
                    + "cannot carry as they are (space, quote, #, %, $, line break); choose a plain --prefix such as "
                    + "/opt/toaster, or install with --no-imap and configure Dovecot yourself");
        }
        if (!USER.matcher(user).matches()) {
            throw new UnsafeValueException("the user name " + printable(user) + " is not a plain system user name");
        }
        return root;
    }

    private String template() {
        return switch (syntax) {
            case V2_3 -> "dovecot-2.3";
            case V2_4 -> "dovecot-2.4";
        };
    }

    private Map<String, String> values(String root) throws UnsafeValueException {
        Map<String, String> values = new HashMap<>(Map.of("prefix", root, "user", user));
        if (sql.isPresent()) {
            values.putAll(sql.get().values(syntax, prefix));
        }
        return values;
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
