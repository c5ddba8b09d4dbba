package org.godshell.toaster.deliver.bounce;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.queue.QueuedMessage;

/**
 * Everything one notice says, gathered before it is written.
 *
 * @param kind          bounce or delay warning
 * @param reportingMta  this host's name ({@code control/me}), in ASCII
 * @param original      the message reported on
 * @param recipients    the recipients reported on, in envelope order
 * @param now           when the notice is made; also the last attempt's time
 * @param retryUntil    for {@link Kind#DELAYED}, when the queue gives up; otherwise {@code null}
 * @param toPostmaster  a double bounce: the original's sender cannot be told
 * @param headers       the original's header section, capped
 */
record Report(Kind kind, String reportingMta, QueuedMessage original, List<Entry> recipients, Instant now,
        Instant retryUntil, boolean toPostmaster, OriginalHeaders headers) {

    /** One recipient and why it is reported. */
    record Entry(String address, Diagnosis why) {
        Entry {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(why, "why");
        }
    }

    Report {
        recipients = List.copyOf(recipients);
        if (kind == Kind.DELAYED) {
            Objects.requireNonNull(retryUntil, "retryUntil");
        }
    }
}
