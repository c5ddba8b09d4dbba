package org.godshell.toaster.config;

import java.util.List;
import java.util.Objects;

/**
 * One row of the control-file table ({@link ControlFiles}): a file in {@code control/}, the type of its value,
 * how it is parsed, what a missing file means, who reads it and when an edit takes effect. Code reads a control
 * file only through its key ({@link Controls#get}), so the table is the whole truth about the files.
 *
 * @param name     its name in {@code control/} ({@code servercerts} is a directory of {@code *.pem} files)
 * @param kind     the type of its value, as the documentation names it
 * @param shape    whether the value is the first line or every meaningful line
 * @param parser   text to value, failing with {@code file:line}
 * @param fallback the value of a missing file (may depend on other files, as {@code smtpgreeting} on {@code me})
 * @param fallbackText what a missing file means, as the Control files page says it
 * @param syntax   what the file holds, in one line
 * @param uses     which daemon reads it and when an edit takes effect there
 * @param <T>      the type of the value
 */
public record Key<T>(String name, Kind kind, Shape shape, Parser<T> parser, Fallback<T> fallback,
        String fallbackText, String syntax, List<Use> uses) {

    /**
     * The first line ({@code control_readline}), every line that is not blank or a comment, or a file with a
     * reader of its own (certificates, plugin files), listed for its documentation and reload test.
     */
    public enum Shape { LINE, LIST, OWN }

    /** The types of value, as the Control files page groups them. */
    public enum Kind {
        HOST, TEXT, URL, NUMBER, SECONDS, BYTES, LISTEN, DOMAINS, ADDRESSES, RULES, NAMES, NAMESERVERS, ROUTES,
        LOGINS, CERTIFICATE, PLUGINS, NETWORKS, SOCKET
    }

    /** When an edit reaches a running daemon. */
    public enum Effect {
        NEXT_CONNECTION("next connection"),
        NEXT_DELIVERY("next delivery"),
        NEXT_RCPT("next RCPT"),
        NEXT_MESSAGE("next message"),
        NEXT_PUSH("next push"),
        NEXT_LOGIN("next login"),
        NEXT_HANDSHAKE("next TLS handshake"),
        NEXT_BACKUP("next backup"),
        NEXT_REPORT("next report"),
        RESTART("restart");

        private final String text;

        Effect(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * A daemon that reads the file ({@code smtpd}, {@code delivery}, {@code pop3d}, {@code wiki}, or the nightly
     * {@code backup} and the daily {@code stats} report that systemd timers run) and when.
     */
    public record Use(String daemon, Effect effect) {
        public Use {
            if (!List.of("smtpd", "delivery", "pop3d", "wiki", "backup", "stats").contains(daemon)) {
                throw new IllegalArgumentException("no such daemon: " + daemon);
            }
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** Text to value; the lines are as {@link ControlFile} reads them. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(java.nio.file.Path file, List<ControlFile.Line> lines) throws ConfigException;
    }

    /** The value of a missing file, which may read other files through {@code reads}. */
    @FunctionalInterface
    public interface Fallback<T> {
        T value(Reads reads) throws ConfigException;
    }

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallbackText, "fallbackText");
        Objects.requireNonNull(syntax, "syntax");
        uses = List.copyOf(uses);
        if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("not a control file name: " + name);
        }
        if (uses.isEmpty()) {
            throw new IllegalArgumentException(name + ": no daemon reads it");
        }
    }

    /** Whether some daemon must be restarted for an edit to apply. */
    public boolean needsRestart() {
        return uses.stream().anyMatch(use -> use.effect() == Effect.RESTART);
    }

    /**
     * When an edit applies, as the Control files page says it: {@code next connection, next delivery; restart
     * (wiki)} for {@code me}.
     */
    public String effectText() {
        List<String> live = uses.stream().filter(use -> use.effect() != Effect.RESTART)
                .map(use -> use.effect().text()).distinct().toList();
        List<String> restart = uses.stream().filter(use -> use.effect() == Effect.RESTART).map(Use::daemon).toList();
        String later = restart.isEmpty() ? "" : "restart (" + String.join(", ", restart) + ")";
        return live.isEmpty() ? later : String.join(", ", live) + (later.isEmpty() ? "" : "; " + later);
    }

    @Override
    public String toString() {
        return "control/" + name;
    }
}
