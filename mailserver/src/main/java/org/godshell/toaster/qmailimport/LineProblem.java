package org.godshell.toaster.qmailimport;

/**
 * A line the importer could not take as it is, by its 1-based number. The reason never quotes the line: a vpasswd
 * line carries a clear-text password field.
 *
 * @param line    the line number in its file
 * @param reason  what is wrong, for the import report
 * @param skipped whether the line's item is left out ({@code false}: imported with something left off, said in
 *                {@code reason})
 */
public record LineProblem(int line, String reason, boolean skipped) {
}
