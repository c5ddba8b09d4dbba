package org.godshell.toaster.logstats;

/**
 * Turns one line of a log into a record: {@link TextLineReader} for the text lines, {@link JsonLineReader} for the
 * JSON ones (one object a line, the same field names), {@link MixedLineReader} for a log that holds both.
 */
@FunctionalInterface
public interface LineReader {

    /** What became of a line. */
    sealed interface Result permits Read, Skipped {
    }

    record Read(LogRecord record) implements Result {
    }

    /** A line that is not one of the toaster's: {@code why} says what was wrong, for the report's count. */
    record Skipped(Skip why) implements Result {
    }

    /** Never throws: whatever the line, it is read or skipped. */
    Result read(String line);
}
