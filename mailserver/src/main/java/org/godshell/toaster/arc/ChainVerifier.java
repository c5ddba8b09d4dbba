package org.godshell.toaster.arc;

import java.time.Clock;
import java.time.Duration;
import org.godshell.toaster.dkim.DkimError;
import org.godshell.toaster.dkim.KeyLookup;
import org.godshell.toaster.dkim.Message;
import org.godshell.toaster.dns.Dns;

/**
 * Verifies the ARC chain of an arriving message (RFC 8617 §5.2): none, pass or fail, the oldest instance whose
 * message signature still verifies, and who sealed each set, so a local policy can let a sealer it trusts (a
 * mailing list, a forwarding provider) vouch for a message whose DMARC check failed after forwarding. It only
 * reads: adding our own set is {@link Sealer}'s job.
 *
 * <p>Bounded: at most 50 sets and {@value ChainReader#MAX_FIELDS} ARC fields of at most 16 KiB each are read,
 * the message's header section is capped as DKIM caps it, and at most {@value KeyBudget#MAX} keys are fetched,
 * each within the lookup timeout. A key DNS did not give is a {@link ChainResult#TEMPERROR}, never a pass.
 *
 * <p>Blocking (DNS), for virtual threads. Thread-safe: every call has its own state.
 *
 * @param lookupTimeout the time one key lookup may take before it is a temperror
 * @param clock         for {@code x=} (expiry) of the message signatures
 */
public record ChainVerifier(Dns dns, Duration lookupTimeout, Clock clock) {

    /** The verdict on the chain of {@code message} (CRLF lines). */
    public ChainVerdict verify(byte[] message) {
        try {
            Message parsed = Message.parse(message);
            return switch (Chain.read(parsed)) {
                case Chain.Absent absent -> ChainVerdict.none();
                case Chain.Broken broken -> ChainVerdict.fail(broken.highest(), broken.reason());
                case Chain.Complete complete -> new Validation(parsed, complete.sets(),
                        new KeyLookup(dns, lookupTimeout), clock.instant()).run();
            };
        } catch (DkimError e) {
            return ChainVerdict.fail(0, "unreadable message: " + e.getMessage());
        }
    }
}
