package org.godshell.toaster.site.git;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body cut off at a limit: reading past it fails, so a client cannot make us read without end. */
final class BoundedInput extends FilterInputStream {

    /** The body went past the limit (a push's metrics count it under limits). */
    static final class OverLimit extends IOException {

        private static final long serialVersionUID = 1L;

        OverLimit() {
            super("request body over its limit");
        }
    }

    private long left;

    BoundedInput(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            if (super.read() < 0) {
                return -1;
            }
            throw new OverLimit();
        }
        int n = super.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }
}
