package org.godshell.toaster.deliver.remote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;

/**
 * What the hosts tried for one delivery have decided so far, and which recipients still wait for a host: the
 * running sum of {@link RemoteDelivery}'s walk over the MX hosts' addresses. Used by one thread.
 *
 * <p>Per host or per message: a host's reply to MAIL, RCPT or DATA decides for the message; a host that cannot
 * be reached or fails before the transaction decides nothing; a host without SMTPUTF8 decides only the
 * recipients it could take ({@link Attempt.PassOn}). A recipient that needs SMTPUTF8 fails with 5.6.7 only when
 * the walk ends without a host that offers it: hosts that could not be reached do not count, but one that
 * offered SMTPUTF8 and then failed for now makes it wait for the next retry (RFC 6531 §3.4).
 */
final class Tally {

    private final Map<String, Outcome> decided = new LinkedHashMap<>();
    private final Map<String, Diagnosis> withoutSmtputf8 = new LinkedHashMap<>();
    private List<String> waiting;
    private Diagnosis last;
    private boolean smtputf8HostFailed;

    Tally(List<String> recipients) {
        this.waiting = List.copyOf(recipients);
    }

    /** The recipients for the next host, in order. */
    List<String> waiting() {
        return waiting;
    }

    boolean done() {
        return waiting.isEmpty();
    }

    /** The last temporary problem, or {@code null} before the first. */
    Diagnosis last() {
        return last;
    }

    /** A problem found before any conversation (DNS): the reason the waiting recipients wait, until another. */
    void problem(Diagnosis why) {
        last = why;
    }

    void add(Attempt attempt) {
        switch (attempt) {
            case Attempt.Finished finished -> {
                decided.putAll(finished.outcomes());
                waiting = List.of();
            }
            case Attempt.TryNext next -> {
                last = next.why();
                smtputf8HostFailed |= next.offeredSmtputf8();
            }
            case Attempt.PassOn passOn -> {
                decided.putAll(passOn.decided());
                withoutSmtputf8.putAll(passOn.needSmtputf8());
                waiting = List.copyOf(passOn.needSmtputf8().keySet());
            }
        }
    }

    /** Every recipient's outcome once the walk ends: the waiting ones fail with 5.6.7 or are deferred. */
    Map<String, Outcome> finish() {
        for (String recipient : waiting) {
            Diagnosis lacking = withoutSmtputf8.get(recipient);
            decided.put(recipient, lacking != null && !smtputf8HostFailed ? new Outcome.Failed(lacking)
                    : new Outcome.Deferred(Diagnoses.temporary(last != null ? last : lacking)));
        }
        waiting = List.of();
        return decided;
    }

    /** Every recipient's outcome when no host had an address: {@code outcome} for the waiting ones. */
    Map<String, Outcome> finish(Outcome outcome) {
        waiting.forEach(recipient -> decided.put(recipient, outcome));
        waiting = List.of();
        return decided;
    }
}
