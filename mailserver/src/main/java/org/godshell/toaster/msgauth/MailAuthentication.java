package org.godshell.toaster.msgauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.arc.Sealer;
import org.godshell.toaster.authres.ForgedResults;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.queue.HeaderBlock;
import org.godshell.toaster.queue.Intake;

/**
 * The message checks smtpd runs after the final dot: a message from a trusted client (relay or login) is
 * signed ({@link Outbound}), one from outside is judged ({@link Inbound}). The message is read back from the
 * queue's temp file into memory within {@link MessageMemory}'s budget, since DKIM hashes all of it.
 *
 * <p>A message too big for the budget is accepted unchecked but for a note in the log and, from outside, an
 * Authentication-Results field saying nothing was verified: refusing it would lose legitimate mail over our
 * own limit, and the DMARC policy of its author is then not applied.
 */
public final class MailAuthentication implements MessageChecks {

    /** How long a message may wait for room in memory before the client is asked to try again. */
    static final long WAIT_MILLIS = 60_000;

    private final Live<AuthSettings> settings;
    private final SigningKeys keys;
    private final Forwarding forwarding;
    private final MessageMemory memory;
    private final Clock clock;

    /**
     * @param keys       the DKIM keys of our domains: they sign our users' mail, and the RSA one of a domain that
     *                   forwards a message off this host seals it with ARC
     * @param forwarding which of our domains forwards a message elsewhere
     */
    public MailAuthentication(Live<AuthSettings> settings, SigningKeys keys, Forwarding forwarding,
            MessageMemory memory, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.forwarding = forwarding;
        this.memory = memory;
        this.clock = clock;
    }

    @Override
    public Judgement judge(Arrival arrival, Intake intake, long size) throws IOException {
        AuthSettings now = settings.get();
        if (!memory.fits(size)) {
            return Unchecked.tooBig(now.me(), arrival, size);
        }
        Optional<MessageMemory.Room> room;
        try {
            room = memory.hold(size, WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to check the message", e);
        }
        if (room.isEmpty()) {
            return Judgement.defer("4.3.2 too many messages being checked at once, try again later",
                    "checks: no room in memory");
        }
        try {
            byte[] message;
            try (InputStream in = intake.received()) {
                message = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
            }
            HeaderBlock block = HeaderBlock.read(new ByteArrayInputStream(message));
            if (!block.complete()) {
                return Judgement.refuse("5.6.0 the header section is over " + HeaderBlock.MAX_BYTES + " bytes",
                        "checks: header section over " + HeaderBlock.MAX_BYTES + " bytes");
            }
            return arrival.trusted()
                    ? Outbound.sign(keys, arrival.login(), FromAuthors.of(block), message,
                            forged(message, block, now.me()), clock)
                    : Inbound.judge(now, arrival, message, block, clock, sealer(arrival));
        } finally {
            room.get().close();
        }
    }

    /**
     * The ARC sealer of a message that one of our domains forwards off this host: that domain's RSA key; none
     * when nothing is forwarded or the domain has no usable key (the copy then leaves unsealed, as before).
     */
    private Optional<Sealer> sealer(Arrival arrival) {
        Optional<String> domain = forwarding.forwarder(arrival.recipients());
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<SigningKey> domainKeys = keys.forDomain(domain.get());
            return domainKeys.stream().anyMatch(key -> key.algorithm() == Algorithm.RSA_SHA256)
                    ? Optional.of(new Sealer(domain.get(), domainKeys, clock)) : Optional.empty();
        } catch (DkimKeysException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The received Authentication-Results fields that claim our authserv-id, as header positions. */
    static List<Integer> forged(byte[] message, HeaderBlock block, String me) {
        List<Integer> positions = new ArrayList<>();
        for (ForgedResults.Field forged : ForgedResults.find(message, me)) {
            for (HeaderBlock.Field field : block.fields()) {
                if (field.start() == forged.start()) {
                    positions.add(field.index());
                }
            }
        }
        return positions;
    }
}
