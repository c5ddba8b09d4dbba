package org.godshell.toaster.filter.clamav;

/** Why a message got no verdict from clamd; the message says it for the log and the 451 reply. */
public final class ClamdException extends Exception {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public ClamdException(String reason) {
        super(reason);
    }
}
