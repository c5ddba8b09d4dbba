package org.godshell.toaster.logline;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * One daemon's log: every line it writes goes through here, in the {@link LogFormat} the admin chose, so the
 * text and the JSON of a line always carry the same fields. Text is what the toaster always wrote:
 * {@code TIME daemon[session] body} for the mail daemons, {@code TIME daemon: body} for one without sessions.
 * Thread-safe: a line is written whole, under the stream's lock.
 */
public final class DaemonLog {

    /** Whether the text prefix names a session ({@code smtpd[ab.3]}) or only the daemon ({@code wiki:}). */
    public enum Prefix { SESSION, DAEMON }

    private final String daemon;
    private final Prefix prefix;
    private final LogFormat format;
    private final PrintStream out;
    private final Clock clock;
    private final int maxCodePoints;

    /**
     * {@code maxCodePoints}: the longest text body (each JSON value) in code points, longer ones cut, 0 for no
     * limit (a daemon whose input is already bounded).
     */
    public DaemonLog(String daemon, Prefix prefix, LogFormat format, PrintStream out, Clock clock,
            int maxCodePoints) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.format = Objects.requireNonNull(format, "format");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxCodePoints = maxCodePoints;
    }

    /** Writes {@code line} about {@code session}, or about the daemon itself when {@code session} is "-". */
    public void write(String session, Line line) {
        String text = render(session, line);
        synchronized (out) {
            out.println(text);
        }
    }

    /** The line as {@link #write} puts it, without the line end. */
    public String render(String session, Line line) {
        String time = clock.instant().toString();
        return switch (format) {
            case TEXT -> time + " " + (prefix == Prefix.SESSION ? daemon + "[" + session + "] " : daemon + ": ")
                    + TextLine.clean(TextLine.body(line), maxCodePoints);
            case JSON -> JsonLine.of(time, daemon, session, line, maxCodePoints);
        };
    }

    /** Writes a sentence about the daemon, for the many places that log one with a {@code Consumer<String>}. */
    public void message(String text) {
        write("-", new Line.Message(text));
    }
}
