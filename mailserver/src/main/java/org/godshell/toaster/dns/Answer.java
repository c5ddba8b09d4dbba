package org.godshell.toaster.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What {@link Dns#query} gave: records, a definite "nothing", or no usable answer. SPF needs to tell NXDOMAIN
 * and "no data" apart from a failure (RFC 7208 §4.6.4 counts both as void lookups; §2.6.6 makes a failure a
 * temperror), and reads the records itself.
 */
public sealed interface Answer {

    /** The records of the type asked for (at least one). */
    record Data(List<Record> records) implements Answer {
        public Data {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Data needs a record; use Empty");
            }
        }
    }

    /** The name does not exist ({@code nxdomain}), or has no record of that type (NOERROR, no data). */
    record Empty(boolean nxdomain) implements Answer {}

    /** Every nameserver timed out, failed (SERVFAIL, REFUSED) or could not be reached. */
    record Temporary(String reason) implements Answer {}
}
