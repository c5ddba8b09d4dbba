package org.godshell.toaster.smtpc;

import java.io.IOException;
import java.io.Serial;

/** The server broke the protocol: a malformed, oversized or endless reply. The message says how, for people. */
public final class ProtocolException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
