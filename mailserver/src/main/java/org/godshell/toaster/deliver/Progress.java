package org.godshell.toaster.deliver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where delivery of one queued message stands: per recipient (in envelope order) pending, delivered or failed
 * (failed means its bounce is already queued), the last temporary failure of each pending one, how many
 * attempts were made and when the next is due. Immutable; {@link #after} makes the next state.
 *
 * @param attempts    attempts made so far
 * @param nextAttempt when the next attempt is due
 * @param delayWarned whether the sender was told that delivery is delayed
 * @param recipients  one entry per envelope recipient, same order
 */
public record Progress(int attempts, Instant nextAttempt, boolean delayWarned, List<Recipient> recipients) {

    /** The state of one recipient. */
    public enum Status { PENDING, DELIVERED, FAILED }

    /** One recipient's state; {@code last} is the last failure (temporary for pending, permanent for failed). */
    public record Recipient(String address, Status status, Optional<Diagnosis> last) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(last, "last");
        }
    }

    public Progress {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts < 0");
        }
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        recipients = List.copyOf(recipients);
    }

    /** A message nobody tried yet: every recipient pending, due {@code now}. */
    public static Progress fresh(List<String> addresses, Instant now) {
        List<Recipient> all = new ArrayList<>(addresses.size());
        for (String address : addresses) {
            all.add(new Recipient(address, Status.PENDING, Optional.empty()));
        }
        return new Progress(0, now, false, all);
    }

    /** The indexes of the recipients still pending. */
    public List<Integer> pending() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i).status() == Status.PENDING) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    /** True once no recipient is pending: the message may leave the queue. */
    public boolean done() {
        return pending().isEmpty();
    }

    /**
     * The state after an attempt that gave {@code outcomes} (index → outcome; indexes not in the map are
     * untouched), with the next attempt due at {@code next}.
     */
    public Progress after(Map<Integer, Outcome> outcomes, Instant next) {
        List<Recipient> updated = new ArrayList<>(recipients);
        outcomes.forEach((index, outcome) -> {
            String address = recipients.get(index).address();
            updated.set(index, switch (outcome) {
                case Outcome.Delivered d -> new Recipient(address, Status.DELIVERED, Optional.empty());
                case Outcome.Deferred d -> new Recipient(address, Status.PENDING, Optional.of(d.why()));
                case Outcome.Failed f -> new Recipient(address, Status.FAILED, Optional.of(f.why()));
            });
        });
        return new Progress(attempts + 1, next, delayWarned, updated);
    }

    /**
     * The state when the queue lifetime is over: every pending recipient fails with its last temporary
     * failure (RFC 3463 keeps its class-4 status; the DSN's action says "failed"), or 4.4.7 "delivery time
     * expired" when it never got one.
     */
    public Progress expired() {
        List<Recipient> updated = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            updated.add(recipient.status() != Status.PENDING ? recipient : new Recipient(recipient.address(),
                    Status.FAILED, Optional.of(recipient.last().map(why -> new Diagnosis(why.status(),
                            "gave up after the queue lifetime; last problem: " + why.text(), why.remoteMta(),
                            why.smtpReply())).orElse(Diagnosis.local("4.4.7",
                            "gave up after the queue lifetime")))));
        }
        return new Progress(attempts, nextAttempt, delayWarned, updated);
    }

    /** The same state, marked as having warned the sender of the delay. */
    public Progress warned() {
        return new Progress(attempts, nextAttempt, true, recipients);
    }

    /** The same state with the next attempt due at {@code when} ({@code toaster queue retry}). */
    public Progress dueAt(Instant when) {
        return new Progress(attempts, when, delayWarned, recipients);
    }
}
