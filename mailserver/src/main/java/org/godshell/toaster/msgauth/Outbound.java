package org.godshell.toaster.msgauth;

import java.time.Clock;
import java.util.List;
import org.godshell.toaster.dkim.Signer;
import org.godshell.toaster.dkim.Signing;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dmarc.Authors;
import org.godshell.toaster.dmarc.DomainName;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;

/**
 * The DKIM signature of a message from one of our users (RFC 6376 §5, RFC 8463): signed once, here, when it is
 * known to be ours and final, with the keys of its From domain; the signature fields go into the queue with the
 * message, so every delivery attempt sends the same bytes. A message whose From is not exactly one mailbox at a
 * domain with keys leaves unsigned (a signature of another domain would not align with DMARC anyway), and the
 * log says why.
 */
final class Outbound {

    private Outbound() {
    }

    static Judgement sign(SigningKeys keys, Authors authors, byte[] message, List<Integer> forged, Clock clock) {
        if (authors.fields() != 1 || authors.domains().size() != 1) {
            return unsigned(forged, "From is not one mailbox");
        }
        String domain = DomainName.ascii(authors.domains().getFirst()).orElse("");
        List<SigningKey> signing;
        try {
            signing = domain.isEmpty() ? List.of() : keys.forDomain(domain);
        } catch (DkimKeysException e) {
            // Fail closed: mail of a domain that publishes keys, sent unsigned, may fail DMARC where it goes.
            return Judgement.defer("4.3.0 the DKIM keys of " + domain + " cannot be read, try again later",
                    "dkim=unsigned (keys of " + domain + " unreadable: " + e.getMessage() + ")");
        }
        if (signing.isEmpty()) {
            return unsigned(forged, "no DKIM key for " + (domain.isEmpty() ? "the From domain" : domain));
        }
        return switch (new Signer(domain, signing, clock).sign(message)) {
            case Signing.Signed signed -> Judgement.accept(new HeaderEdits(withoutCrlf(signed.fields()), forged),
                    Folder.INBOX,
                    "dkim=signed:" + domain + " s=" + String.join(",", signing.stream().map(SigningKey::selector)
                            .toList()));
            case Signing.Refused refused -> unsigned(forged, refused.reason());
        };
    }

    /** The signer ends each field with CRLF; the queue adds its own. */
    private static List<String> withoutCrlf(List<String> fields) {
        return fields.stream().map(field -> field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field)
                .toList();
    }

    private static Judgement unsigned(List<Integer> forged, String why) {
        return Judgement.accept(new HeaderEdits(List.of(), forged), Folder.INBOX, "dkim=unsigned (" + why + ")");
    }
}
