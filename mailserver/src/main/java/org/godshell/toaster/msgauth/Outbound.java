package org.godshell.toaster.msgauth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * domain with keys leaves unsigned (a signature of another domain would not align with DMARC anyway), and so does
 * one whose client logged in as a user of another domain (each domain vouches for its own users only; programs
 * on the host that relay without a login may send for any of our domains); the log says why.
 */
final class Outbound {

    private Outbound() {
    }

    static Judgement sign(SigningKeys keys, Optional<String> login, Authors authors, byte[] message,
            List<Integer> forged, Clock clock) {
        if (authors.fields() != 1 || authors.domains().size() != 1) {
            return unsigned(forged, "From is not one mailbox");
        }
        String domain = DomainName.ascii(authors.domains().getFirst()).orElse("");
        Optional<String> loginDomain = login.filter(user -> user.contains("@"))
                .flatMap(user -> DomainName.ascii(user.substring(user.lastIndexOf('@') + 1)));
        if (login.isPresent() && !loginDomain.equals(Optional.of(domain))) {
            // One hosted domain's user must not get mail in another hosted domain's name signed.
            return unsigned(forged, "From " + (domain.isEmpty() ? "domain" : domain) + " is not the domain of the "
                    + "login");
        }
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
            case Signing.Signed signed -> Judgement.accept(new HeaderEdits(Judgement.withoutCrlf(signed.fields()), forged),
                    Folder.INBOX,
                    "dkim=signed:" + domain + " s=" + String.join(",", signing.stream().map(SigningKey::selector)
                            .toList()));
            case Signing.Refused refused -> unsigned(forged, refused.reason());
        };
    }

    private static Judgement unsigned(List<Integer> forged, String why) {
        return Judgement.accept(new HeaderEdits(List.of(), forged), Folder.INBOX, "dkim=unsigned (" + why + ")");
    }
}
