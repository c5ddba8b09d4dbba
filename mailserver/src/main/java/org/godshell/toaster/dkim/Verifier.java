package org.godshell.toaster.dkim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.godshell.toaster.dns.Dns;

/**
 * Verifies every DKIM-Signature of a message, each on its own (RFC 6376 §6.1): a broken, forged or unverifiable
 * signature never hides a good one, and one verdict comes back per signature, top to bottom. An empty list
 * means the message is unsigned ({@code dkim=none}).
 *
 * <p>Bounded: at most {@link #MAX_SIGNATURES} signatures reach DNS and cryptography; the ones past that are
 * {@link DkimResult#NEUTRAL}, "not verified". Signatures that do not even parse do not count, so a heap of
 * garbage fields cannot push a good signature out. Each key lookup gets the timeout given, and a key is asked
 * for once per message, so a message costs at most {@value #MAX_SIGNATURES} times the lookup timeout.
 *
 * <p>Blocking (DNS), for virtual threads. Thread-safe: every call has its own state.
 */
public final class Verifier {

    /** Signatures verified per message; §6.1 lets a verifier limit them ("MAY limit the number"). */
    public static final int MAX_SIGNATURES = 10;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+@=/!#$%&'*?^`{|}~-]{1,255}");

    private final Dns dns;
    private final Duration lookupTimeout;
    private final Clock clock;

    /**
     * @param lookupTimeout the time one key lookup may take before it is a temperror
     * @param clock         for {@code x=} (expiry)
     */
    public Verifier(Dns dns, Duration lookupTimeout, Clock clock) {
        this.dns = dns;
        this.lookupTimeout = lookupTimeout;
        this.clock = clock;
    }

    /** One verdict per DKIM-Signature field of {@code message} (CRLF lines), top to bottom. */
    public List<DkimVerdict> verify(byte[] message) {
        Message parsed;
        try {
            parsed = Message.parse(message);
        } catch (DkimError e) {
            return List.of(new DkimVerdict(DkimResult.PERMERROR, "unreadable message: " + e.getMessage(), "", "",
                    "", "", "", false, false));
        }
        KeyLookup keys = new KeyLookup(dns, lookupTimeout);
        BodyHashes bodies = new BodyHashes(parsed);
        List<DkimVerdict> verdicts = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        int attempts = 0;
        for (int i = 0; i < parsed.fields().size(); i++) {
            HeaderField field = parsed.fields().get(i);
            if (!field.key().equals("dkim-signature")) {
                continue;
            }
            TagList tags;
            try {
                tags = TagList.parse(field.value(), SignatureTags.MAX_FIELD);
            } catch (DkimError e) {
                verdicts.add(new DkimVerdict(e.result(), e.getMessage(), "", "", "", "", "", false, false));
                signatures.add("");
                continue;
            }
            signatures.add(compact(tags.get("b").orElse("")));
            DkimVerdict said = reported(tags);
            SignatureTags signature;
            try {
                signature = SignatureTags.parse(tags);
            } catch (DkimError e) {
                verdicts.add(with(said, e.result(), e.getMessage(), false, false));
                continue;
            }
            verdicts.add(attempts++ < MAX_SIGNATURES ? check(parsed, i, signature, keys, bodies, said)
                    : with(said, DkimResult.NEUTRAL, "not verified: only the first " + MAX_SIGNATURES
                            + " signatures of a message are", false, false));
        }
        List<String> prefixes = HeaderB.prefixes(signatures);
        List<DkimVerdict> named = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            named.add(verdicts.get(i).withHeaderB(prefixes.get(i)));
        }
        return List.copyOf(named);
    }

    private DkimVerdict check(Message message, int index, SignatureTags signature, KeyLookup keys, BodyHashes bodies,
            DkimVerdict said) {
        try {
            SignatureCheck check = SignatureCheck.run(message, index, signature, keys, bodies, clock.instant());
            return with(said, check.result(), check.reason(), check.bodyPartial(), check.testing());
        } catch (DkimError e) {
            return with(said, e.result(), e.getMessage(), false, false);
        }
    }

    /** What a signature says of itself, for the verdict, before anything is checked. */
    private static DkimVerdict reported(TagList tags) {
        String domain = token(tags, "d");
        String identity = tags.get("i").isPresent() ? token(tags, "i") : domain.isEmpty() ? "" : "@" + domain;
        return new DkimVerdict(DkimResult.PERMERROR, "", domain, token(tags, "s"), token(tags, "a"), identity, "",
                false, false);
    }

    private static DkimVerdict with(DkimVerdict said, DkimResult result, String reason, boolean partial,
            boolean testing) {
        return new DkimVerdict(result, reason, said.domain(), said.selector(), said.algorithm(), said.identity(),
                "", partial, testing);
    }

    /** A tag value safe to report (Authentication-Results writes them as tokens), or empty. */
    private static String token(TagList tags, String name) {
        String value = tags.get(name).orElse("");
        return TOKEN.matcher(value).matches() ? value : "";
    }

    private static String compact(String b) {
        StringBuilder out = new StringBuilder();
        for (char c : b.toCharArray()) {
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
