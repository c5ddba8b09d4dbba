package org.godshell.toaster.deliver.remote;

import java.io.IOException;
import java.io.InputStream;

/**
 * The message bytes as stored in the queue: lines end in CRLF, not dot-stuffed. Opened once per attempt (and
 * once more to measure it when the server announces SIZE); the caller of {@link #open} closes the stream.
 * What the client declared about them travels along: a source made from a lambda is 7-bit, without SMTPUTF8.
 */
@FunctionalInterface
public interface MessageSource {
    InputStream open() throws IOException;

    /** The client declared {@code BODY=8BITMIME} (RFC 6152 §3). */
    default boolean eightBitMime() {
        return false;
    }

    /** The client asked for SMTPUTF8 (RFC 6531 §3.4): headers or addresses may be UTF-8. */
    default boolean smtputf8() {
        return false;
    }

    /** {@code bytes} with the flags the queue kept for them. */
    static MessageSource of(MessageSource bytes, boolean eightBitMime, boolean smtputf8) {
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return bytes.open();
            }

            @Override
            public boolean eightBitMime() {
                return eightBitMime;
            }

            @Override
            public boolean smtputf8() {
                return smtputf8;
            }
        };
    }
}
