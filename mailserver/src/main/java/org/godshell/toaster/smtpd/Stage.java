package org.godshell.toaster.smtpd;

import java.util.List;
import java.util.Objects;

/**
 * Where a MAIL, RCPT or message was refused, as a metrics label: one of a small fixed set ({@link #FIXED}), or
 * {@code plugin:NAME} with the plugin's name from the admin's smtpplugins file. The built-in checks that the
 * issue names on their own (SPF, the content filters) have their own stage rather than their plugin name.
 *
 * @param label the label value
 */
public record Stage(String label) {

    public static final Stage NONE = new Stage("none");
    public static final Stage RCPTHOSTS = new Stage("rcpthosts");
    public static final Stage RELAY = new Stage("relay");
    public static final Stage RECIPIENT = new Stage("recipient");
    public static final Stage BLOCKLIST = new Stage("blocklist");
    public static final Stage AUTH = new Stage("auth");
    public static final Stage SIZE = new Stage("size");
    public static final Stage DMARC = new Stage("dmarc");
    public static final Stage SPF = new Stage("spf");
    public static final Stage FILTER = new Stage("filter");
    public static final Stage LIMITS = new Stage("limits");
    public static final Stage SYNTAX = new Stage("syntax");
    public static final Stage STORAGE = new Stage("storage");
    public static final Stage OTHER = new Stage("other");

    /** Every stage but the plugins'. */
    public static final List<Stage> FIXED = List.of(NONE, RCPTHOSTS, RELAY, RECIPIENT, BLOCKLIST, AUTH, SIZE, DMARC,
            SPF, FILTER, LIMITS, SYNTAX, STORAGE, OTHER);

    public static final String PLUGIN_PREFIX = "plugin:";

    public Stage {
        Objects.requireNonNull(label, "label");
    }

    /** The stage of a refusal by the plugin the admin configured as {@code name}. */
    public static Stage plugin(String name) {
        return switch (name) {
            case "builtin:spf" -> SPF;
            case "builtin:rspamd", "builtin:clamav" -> FILTER;
            default -> new Stage(PLUGIN_PREFIX + name);
        };
    }
}
