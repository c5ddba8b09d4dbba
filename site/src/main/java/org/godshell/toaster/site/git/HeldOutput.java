package org.godshell.toaster.site.git;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The answer to a push, held back at its end. git stops reading when it sees the last packet of the answer,
 * which ReceivePack flushes out before it returns; what the server does after that (discard a refused pack,
 * write the push log) would race with the client's next command. Flushes are ignored here, and the buffer keeps
 * at least the last write, so the client sees the end only when the stream is closed, after the clean-up.
 */
final class HeldOutput extends FilterOutputStream {

    HeldOutput(OutputStream out) {
        super(new BufferedOutputStream(out, 65536));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() {
        // held until close(): see the class comment
    }

    @Override
    public void close() throws IOException {
        out.flush();
        out.close();
    }
}
