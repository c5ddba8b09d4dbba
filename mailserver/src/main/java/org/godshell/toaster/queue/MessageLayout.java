package org.godshell.toaster.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Where a committed message's bytes are in its queue file, and the header edits stored with it: readers see
 * {@code added} (each field and a CRLF), then the {@code receivedSize} bytes at {@code bodyOffset} with the
 * {@code dropped} ranges left out.
 *
 * @param bodyOffset   where the message as received starts in the file
 * @param receivedSize how many bytes the message as received has
 * @param added        header fields put on top, in order, without their final CRLF
 * @param dropped      ranges of the received message left out, relative to its first byte, in ascending order,
 *                     not overlapping, within {@code receivedSize}
 * @param folder       where local delivery puts the message
 */
public record MessageLayout(long bodyOffset, long receivedSize, List<String> added, List<Range> dropped,
        Folder folder) {

    /**
     * Bytes {@code start} (included) to {@code end} (excluded) of the message as received.
     *
     * @param start its first byte
     * @param end   just after its last byte, above {@code start}
     */
    public record Range(long start, long end) {

        public Range {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad range " + start + "-" + end);
            }
        }

        long length() {
            return end - start;
        }
    }

    /**
     * @throws IllegalArgumentException if an offset or size is negative, a range is out of order, overlaps the
     *                                  one before or lies past the end, or an added field is malformed
     */
    public MessageLayout {
        if (bodyOffset < 0 || receivedSize < 0) {
            throw new IllegalArgumentException("negative offset or size");
        }
        Objects.requireNonNull(folder, "folder");
        added = List.copyOf(added);
        added.forEach(FieldSyntax::check);
        dropped = List.copyOf(dropped);
        long previousEnd = 0;
        for (Range range : dropped) {
            if (range.start() < previousEnd || range.end() > receivedSize) {
                throw new IllegalArgumentException("dropped range " + range.start() + "-" + range.end()
                        + " is out of order or past the message's " + receivedSize + " bytes");
            }
            previousEnd = range.end();
        }
    }

    /** A message stored as received: how every queue file written before header edits existed reads. */
    public static MessageLayout verbatim(long bodyOffset, long size) {
        return new MessageLayout(bodyOffset, size, List.of(), List.of(), Folder.INBOX);
    }

    /** The size readers see: added fields with their CRLFs, plus the received bytes not dropped. */
    public long size() {
        long size = receivedSize;
        for (String field : added) {
            size += field.getBytes(StandardCharsets.UTF_8).length + 2;
        }
        for (Range range : dropped) {
            size -= range.length();
        }
        return size;
    }

    /** The added fields as they go on top of the message, each ended by CRLF. */
    byte[] prefix() {
        StringBuilder text = new StringBuilder();
        for (String field : added) {
            text.append(field).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
