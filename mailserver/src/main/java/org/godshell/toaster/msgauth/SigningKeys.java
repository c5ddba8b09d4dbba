package org.godshell.toaster.msgauth;

import java.util.List;
import org.godshell.toaster.dkim.SigningKey;

/** The DKIM keys that sign a domain's mail now; none for a domain without keys (its mail leaves unsigned). */
@FunctionalInterface
public interface SigningKeys {

    /** No domain has keys. */
    SigningKeys NONE = domain -> List.of();

    /** @param domain an ASCII domain name in lower case (A-labels for an internationalized one) */
    List<SigningKey> forDomain(String domain);
}
