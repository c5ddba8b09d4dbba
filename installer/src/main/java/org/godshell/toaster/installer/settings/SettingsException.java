package org.godshell.toaster.installer.settings;

import java.io.Serial;

/** A setting given or answered is not acceptable: the message names the option and the expected form. */
public final class SettingsException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
