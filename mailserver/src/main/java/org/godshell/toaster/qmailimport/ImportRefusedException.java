package org.godshell.toaster.qmailimport;

/** A whole file the importer will not read (too large, too many lines, a symbolic link); the text names why. */
public final class ImportRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImportRefusedException(String message) {
        super(message);
    }
}
