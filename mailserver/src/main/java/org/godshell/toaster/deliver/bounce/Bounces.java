package org.godshell.toaster.deliver.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;

/**
 * Decides whether a notice may be sent for recipients of a message, to whom, and builds it.
 *
 * <ul>
 *   <li>Failed recipients ({@link #failed}) of a message with a sender: a bounce to that sender.</li>
 *   <li>Failed recipients of a message with the null sender, or with a sender that is no address: a double
 *       bounce, the same report to the postmaster (qmail's doublebounceto). This includes a bounce of our own
 *       that the sender's server refused (as in qmail); only a double bounce of our own that fails is dropped,
 *       so no notice loops.</li>
 *   <li>Delayed recipients ({@link #delayed}): a warning to the sender; never to the null sender.</li>
 * </ul>
 *
 * <p>Every notice has the null reverse path. Instances are immutable and safe for concurrent use when the
 * random generator is (the default {@link SecureRandom} is).
 */
public final class Bounces {

    private final String reportingMta;
    private final String postmaster;
    private final RandomGenerator random;
    private final Pattern ourMessageId;

    /**
     * @param reportingMta this host's name, {@code control/me}
     * @param postmaster   where double bounces go, e.g. {@code "postmaster@" + me}
     * @throws IllegalArgumentException when either is not a host name or a mailbox
     */
    public Bounces(String reportingMta, String postmaster) {
        this(reportingMta, postmaster, new SecureRandom());
    }

    /** As {@link #Bounces(String, String)}, with the source of Message-IDs and boundaries (tests fix it). */
    public Bounces(String reportingMta, String postmaster, RandomGenerator random) {
        this.reportingMta = hostName(reportingMta);
        this.postmaster = mailbox(postmaster).orElseThrow(
                () -> new IllegalArgumentException("not a mailbox for double bounces: " + postmaster));
        this.random = Objects.requireNonNull(random, "random");
        this.ourMessageId = Pattern.compile("<\\d{14}\\.[0-9a-f]{16}\\.dsn@" + Pattern.quote(this.reportingMta)
                + ">", Pattern.CASE_INSENSITIVE);
    }

    /**
     * The notice for recipients of {@code original} that failed for good (or whose queue lifetime ended).
     *
     * @param recipients each failed recipient and why; not empty
     * @param now        the time of the notice, also written as the last attempt's time
     * @throws IOException if the original cannot be read (it is not lost: nothing was sent)
     */
    public Notice failed(QueuedMessage original, Map<String, Diagnosis> recipients, Instant now)
            throws IOException {
        List<Report.Entry> entries = entries(original, recipients);
        String sender = original.envelope().sender();
        OriginalHeaders headers = headers(original);
        if (sender.isEmpty() && isOurNotice(headers) && toPostmasterOnly(original)) {
            return new Notice.Withheld("message " + original.id() + " is a double bounce of our own that failed; "
                    + "it is not bounced again");
        }
        Optional<String> to = sender.isEmpty() ? Optional.empty() : mailbox(sender);
        Report report = new Report(Kind.FAILED, reportingMta, original, entries, now, null, to.isEmpty(),
                headers);
        if (to.isEmpty()) {
            return new Notice.ToPostmaster(new BounceMessage("", postmaster,
                    DsnWriter.write(report, postmaster, random)));
        }
        return new Notice.ToSender(new BounceMessage("", to.get(), DsnWriter.write(report, to.get(), random)));
    }

    /** Whether every recipient of {@code original} is the postmaster address: a double bounce, if it is ours. */
    private boolean toPostmasterOnly(QueuedMessage original) {
        return original.envelope().recipients().stream().allMatch(r -> r.equalsIgnoreCase(postmaster));
    }

    /**
     * The warning for recipients of {@code original} that are still being retried.
     *
     * @param recipients each delayed recipient and its last temporary failure; not empty, none permanent
     * @param retryUntil when the queue gives up ({@code Will-Retry-Until}, RFC 3464 §2.3.9)
     */
    public Notice delayed(QueuedMessage original, Map<String, Diagnosis> recipients, Instant now,
            Instant retryUntil) throws IOException {
        Objects.requireNonNull(retryUntil, "retryUntil");
        List<Report.Entry> entries = entries(original, recipients);
        if (entries.stream().anyMatch(e -> e.why().permanent())) {
            throw new IllegalArgumentException("a permanent failure is bounced, not reported as a delay");
        }
        String sender = original.envelope().sender();
        if (sender.isEmpty()) {
            return new Notice.Withheld("message " + original.id() + " has the null sender: no delay warning");
        }
        Optional<String> to = mailbox(sender);
        if (to.isEmpty()) {
            return new Notice.Withheld("the sender of message " + original.id() + " is no address: "
                    + "no delay warning");
        }
        Report report = new Report(Kind.DELAYED, reportingMta, original, entries, now, retryUntil, false,
                headers(original));
        return new Notice.ToSender(new BounceMessage("", to.get(), DsnWriter.write(report, to.get(), random)));
    }

    /** The recipients in envelope order, then any others in a fixed order. */
    private static List<Report.Entry> entries(QueuedMessage original, Map<String, Diagnosis> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a notice needs at least one recipient");
        }
        Map<String, Diagnosis> rest = new TreeMap<>(recipients);
        List<Report.Entry> entries = new ArrayList<>();
        for (String address : original.envelope().recipients()) {
            Diagnosis why = rest.remove(address);
            if (why != null) {
                entries.add(new Report.Entry(address, why));
            }
        }
        rest.forEach((address, why) -> entries.add(new Report.Entry(address, why)));
        return entries;
    }

    private static OriginalHeaders headers(QueuedMessage original) throws IOException {
        try (InputStream in = original.openMessage()) {
            return OriginalHeaders.read(in);
        }
    }

    /** Ours: marked auto-replied (RFC 3834 §5) and a Message-ID of the form {@link DsnWriter} makes here. */
    private boolean isOurNotice(OriginalHeaders headers) {
        boolean auto = headers.field("Auto-Submitted")
                .map(v -> v.toLowerCase(Locale.ROOT).startsWith("auto-replied")).orElse(false);
        return auto && headers.field("Message-ID").map(v -> ourMessageId.matcher(v).matches()).orElse(false);
    }

    /** The address in RFC 5321 form if it is one (the project's one path parser decides), else empty. */
    private static Optional<String> mailbox(String address) {
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        try {
            return PathParser.parseMail("FROM:<" + address + ">" + (ascii ? "" : " SMTPUTF8"), true).sender()
                    .filter(m -> !m.isBarePostmaster()).map(Object::toString);
        } catch (PathException e) {
            return Optional.empty();
        }
    }

    private static String hostName(String name) {
        String ascii;
        try {
            ascii = IDN.toASCII(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a host name: " + name, e);
        }
        if (!ascii.matches("[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*")) {
            throw new IllegalArgumentException("not a host name: " + name);
        }
        return ascii;
    }
}
