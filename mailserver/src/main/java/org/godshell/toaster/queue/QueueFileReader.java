package org.godshell.toaster.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads what a committed queue file says about its message: the envelope at its head, and, when the envelope
 * has an {@code M} line, the header edits after the message bytes. Strict: anything else is reported as
 * {@code corrupt queue file <path>: <why>}.
 */
final class QueueFileReader {

    private QueueFileReader() {
    }

    static QueuedMessage read(QueueId id, Path file, FileChannel channel) throws IOException {
        String name = file.toString();
        long fileSize = channel.size();
        EnvelopeCodec.Decoded head =
                EnvelopeCodec.decode(new BufferedInputStream(Channels.newInputStream(channel)), name);
        long bodyOffset = head.length();
        if (head.receivedSize().isEmpty()) {
            // Written before header edits existed: the message runs to the end of the file.
            return new QueuedMessage(id, head.envelope(), file, MessageLayout.verbatim(bodyOffset,
                    fileSize - bodyOffset));
        }
        long receivedSize = head.receivedSize().getAsLong();
        if (receivedSize > fileSize - bodyOffset) {
            throw corrupt(name, "the M line says " + receivedSize + " message bytes, the file holds "
                    + (fileSize - bodyOffset) + " after the envelope");
        }
        long trailerAt = bodyOffset + receivedSize;
        if (fileSize - trailerAt > EditsCodec.MAX_TRAILER) {
            throw corrupt(name, "the header edits are over " + EditsCodec.MAX_TRAILER + " bytes");
        }
        ByteBuffer trailer = ByteBuffer.allocate((int) (fileSize - trailerAt));
        while (trailer.hasRemaining()) {
            if (channel.read(trailer, trailerAt + trailer.position()) < 0) {
                throw corrupt(name, "the file shrank while it was read");
            }
        }
        MessageLayout layout = EditsCodec.decode(trailer.array(), bodyOffset, receivedSize, name);
        return new QueuedMessage(id, head.envelope(), file, layout);
    }

    private static IOException corrupt(String file, String why) {
        return new IOException("corrupt queue file " + file + ": " + why);
    }
}
