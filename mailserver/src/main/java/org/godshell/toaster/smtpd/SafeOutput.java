package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The queue's body stream, made to swallow its own failures: when the disk fails mid-message, the rest of the
 * body must still be read from the client (to answer it in step), so writes stop and the first failure is kept.
 */
final class SafeOutput extends OutputStream {

    private final OutputStream target;
    private IOException failure;

    SafeOutput(OutputStream target) {
        this.target = target;
    }

    static SafeOutput failed(IOException failure) {
        SafeOutput output = new SafeOutput(OutputStream.nullOutputStream());
        output.failure = failure;
        return output;
    }

    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (failure != null) {
            return;
        }
        try {
            target.write(bytes, offset, length);
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void flush() {
        if (failure != null) {
            return;
        }
        try {
            target.flush();
        } catch (IOException e) {
            failure = e;
        }
    }
}
