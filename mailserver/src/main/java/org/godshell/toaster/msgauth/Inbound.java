package org.godshell.toaster.msgauth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.godshell.toaster.arc.ChainVerdict;
import org.godshell.toaster.arc.ChainVerifier;
import org.godshell.toaster.arc.Sealer;
import org.godshell.toaster.arc.Sealing;
import org.godshell.toaster.authres.AuthenticationResults;
import org.godshell.toaster.authres.ForgedResults;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.dkim.DkimVerdict;
import org.godshell.toaster.dkim.Verifier;
import org.godshell.toaster.dmarc.DkimCheck;
import org.godshell.toaster.dmarc.Dmarc;
import org.godshell.toaster.dmarc.DmarcResult;
import org.godshell.toaster.dmarc.DmarcVerdict;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderBlock;
import org.godshell.toaster.queue.HeaderEdits;
import org.godshell.toaster.spf.Spf;
import org.godshell.toaster.spf.SpfVerdict;

/**
 * The checks of a message from outside: every DKIM signature (RFC 6376), SPF of the MAIL FROM identity
 * (RFC 7208), DMARC over both (RFC 7489) and the ARC chain (RFC 8617), written as our one
 * Authentication-Results field (RFC 8601) on top, with any incoming field that claims our authserv-id dropped
 * (§5), and the DMARC policy applied as {@code control/dmarcpolicy} says ({@link Enforcement}) — unless the
 * chain passes and its newest sealer is one {@code control/arcsealers} trusts (a mailing list or forwarder that
 * checked the message before changing it, RFC 8617 §7.2): then a DMARC fail is recorded, and delivered.
 */
final class Inbound {

    /** One DKIM key lookup; ten signatures at most, so a message's DKIM checks take under a minute. */
    static final Duration KEY_LOOKUP = Duration.ofSeconds(5);
    /** All the DNS questions of the SPF check together, as builtin:spf allows them. */
    static final Duration SPF_BUDGET = Duration.ofSeconds(10);

    private Inbound() {
    }

    /** {@code message} is the whole message as received (our Received field first), {@code block} its header. */
    static Judgement judge(AuthSettings settings, Arrival arrival, byte[] message, HeaderBlock block, Clock clock,
            Optional<Sealer> sealer) {
        List<DkimVerdict> signatures = new Verifier(settings.dns(), KEY_LOOKUP, clock).verify(message);
        SpfVerdict spf = new Spf(settings.dns(), SPF_BUDGET).mailFrom(arrival.client(), arrival.mailFrom(),
                arrival.helo());
        List<DkimCheck> checks = signatures.stream().map(Inbound::check).toList();
        DmarcVerdict dmarc = new Dmarc(settings.dns(), Dmarc.DEFAULT_BUDGET, settings.suffixes(),
                ThreadLocalRandom.current()).evaluate(FromAuthors.of(block), Optional.of(spf), checks);

        ChainVerdict arc = new ChainVerifier(settings.dns(), KEY_LOOKUP, clock).verify(message);
        Optional<String> trusted = arc.newest().map(ChainVerdict.Hop::sealer)
                .filter(domain -> settings.sealers().contains(domain.toLowerCase(Locale.ROOT)));

        List<MethodResult> results = new ArrayList<>();
        results.add(MethodResult.spf(spf));
        if (signatures.isEmpty()) {
            results.add(new MethodResult("dkim", "none", Optional.empty(), Optional.empty(), List.of()));
        }
        for (DkimVerdict signature : signatures) {
            results.add(MethodResult.dkim(check(signature).result(), signature.domain(), signature.selector(),
                    signature.headerB()).withReason(signature.reason()));
        }
        if (arc.instances() > 0) {
            results.add(arc.methodResult());
        }
        boolean overridden = trusted.isPresent() && dmarc.result() == DmarcResult.FAIL;
        results.add(overridden ? MethodResult.dmarc(dmarc).withReason("overridden by the ARC chain of "
                + trusted.get()) : MethodResult.dmarc(dmarc));
        String field = AuthenticationResults.field(settings.me(), results);
        List<String> added = new ArrayList<>();
        String sealed = "";
        if (sealer.isPresent()) {
            byte[] presented = concat(field, ForgedResults.remove(message, settings.me()));
            switch (sealer.get().seal(presented, settings.me(), results, arc)) {
                case Sealing.Sealed set -> {
                    added.addAll(Judgement.withoutCrlf(set.fields()));
                    sealed = " arc-sealed:i=" + set.instance();
                }
                case Sealing.Refused refused -> sealed = " arc-unsealed (" + refused.reason() + ")";
            }
        }
        added.add(field.substring(0, field.length() - 2));
        HeaderEdits edits = new HeaderEdits(added, MailAuthentication.forged(message, block, settings.me()));
        String log = "dkim=" + String.join(",", signatures.isEmpty() ? List.of("none")
                : signatures.stream().map(s -> s.result().word() + ":" + s.domain()).toList())
                + " spf=" + spf.result().word() + " dmarc=" + dmarc.result().word()
                + dmarc.author().map(author -> ":" + author).orElse("") + " (" + dmarc.reason() + ")"
                + (arc.instances() > 0 ? " arc=" + arc.result().word() + arc.newest().map(hop -> ":" + hop.sealer())
                        .orElse("") : "") + (overridden ? " (a trusted sealer overrides the DMARC fail)" : "")
                + sealed;
        Verdicts verdicts = new Verdicts(Optional.of(spf.result().word()),
                Verdicts.bestDkim(signatures.stream().map(DkimVerdict::result).toList()),
                Optional.of(dmarc.result().word()), Optional.of(arc.result().word()), dmarc.author(),
                Verdicts.unfolded(field));
        return (overridden ? Judgement.accept(edits, Folder.INBOX, log)
                : Enforcement.apply(settings.policy(), dmarc, edits, log)).withVerdicts(verdicts);
    }

    /** The message as it will be stored and forwarded: our field on top, the forged ones gone. */
    private static byte[] concat(String field, byte[] message) {
        byte[] top = field.getBytes(StandardCharsets.UTF_8);
        byte[] presented = new byte[top.length + message.length];
        System.arraycopy(top, 0, presented, 0, top.length);
        System.arraycopy(message, 0, presented, top.length, message.length);
        return presented;
    }

    /** A DKIM verdict as DMARC counts it: only a signature over the whole body can align. */
    private static DkimCheck check(DkimVerdict verdict) {
        return new DkimCheck(verdict.domain(), DkimCheck.Result.valueOf(verdict.result().name()),
                !verdict.bodyPartial());
    }
}
