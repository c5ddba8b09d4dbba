package org.godshell.toaster.logstats;

/**
 * A log in either format, or in both: an admin who changes {@code control/logformat} and restarts the daemons
 * leaves a day's log (a file, the journal) text up to the restart and JSON after it. A line that starts with an
 * opening brace is JSON, which no text line does (it starts with its time); every other line is text, such as
 * what a daemon prints as it starts, which is plain text in both formats.
 */
public final class MixedLineReader implements LineReader {

    private final LineReader text = new TextLineReader();
    private final LineReader json = new JsonLineReader();

    @Override
    public Result read(String line) {
        return line.startsWith("{") ? json.read(line) : text.read(line);
    }
}
