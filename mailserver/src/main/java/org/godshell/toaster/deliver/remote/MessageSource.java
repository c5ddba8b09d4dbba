package org.godshell.toaster.deliver.remote;

import java.io.IOException;
import java.io.InputStream;

/**
 * The message bytes as stored in the queue: lines end in CRLF, not dot-stuffed. Opened once per attempt (and
 * once more to measure it when the server announces SIZE); the caller of {@link #open} closes the stream.
 */
@FunctionalInterface
public interface MessageSource {
    InputStream open() throws IOException;
}
