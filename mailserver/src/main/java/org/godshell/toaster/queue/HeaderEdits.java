package org.godshell.toaster.queue;

import java.util.List;
import java.util.Objects;

/**
 * Changes to the header block that {@link Intake#commit(HeaderEdits)} stores with a message, without copying it:
 * readers then see the added fields first, then the message as received minus the dropped fields.
 *
 * <p>Trace and authentication fields go on top (RFC 5321 §4.4, RFC 8601 §5, RFC 8617 §4.2), which is why
 * fields are only ever added there.
 *
 * @param added   complete header fields to put at the top of the message, in this order, each without its final
 *                CRLF (the queue adds it) and checked strictly (see {@code queue.md}): a field name, a colon,
 *                folding only as CRLF followed by SP or HTAB, no bare CR or LF, no NUL or other control but
 *                HTAB, lines of at most 998 octets; at most {@value #MAX_ADDED_OCTETS} octets in all
 * @param dropped positions of received header fields to leave out, 0-based, numbered as {@link HeaderBlock}
 *                numbers them; kept sorted and without repeats
 */
public record HeaderEdits(List<String> added, List<Integer> dropped) {

    /** The added fields together, each with its CRLF: ARC sets and two DKIM signatures fit many times. */
    public static final int MAX_ADDED_OCTETS = 64 * 1024;

    /** No change: the message is stored exactly as received. */
    public static final HeaderEdits NONE = new HeaderEdits(List.of(), List.of());

    /**
     * @throws IllegalArgumentException if a field to add is malformed (hostile values are refused here, before
     *                                  anything is written), the fields are too big together, or a position
     *                                  is negative
     */
    public HeaderEdits {
        added = List.copyOf(added);
        long octets = 0;
        for (String field : added) {
            octets += FieldSyntax.check(field) + 2L;
        }
        if (octets > MAX_ADDED_OCTETS) {
            throw new IllegalArgumentException("header fields to add refused: " + octets + " octets, over "
                    + MAX_ADDED_OCTETS);
        }
        dropped = dropped.isEmpty() ? List.of()
                : dropped.stream().map(Objects::requireNonNull).distinct().sorted().toList();
        if (!dropped.isEmpty() && dropped.getFirst() < 0) {
            throw new IllegalArgumentException("a header field position is negative: " + dropped.getFirst());
        }
    }

    /** Adds {@code fields} on top, drops nothing. */
    public static HeaderEdits add(String... fields) {
        return new HeaderEdits(List.of(fields), List.of());
    }

    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty();
    }
}
