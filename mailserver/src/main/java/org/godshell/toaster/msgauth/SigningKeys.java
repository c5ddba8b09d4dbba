package org.godshell.toaster.msgauth;

import java.util.List;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.keys.DkimKeysException;

/**
 * The DKIM keys that sign a domain's mail now ({@link org.godshell.toaster.dkim.keys.DomainKeys#signingKeys}); none
 * for a domain without keys, whose mail leaves unsigned.
 */
@FunctionalInterface
public interface SigningKeys {

    /** No domain has keys. */
    SigningKeys NONE = domain -> List.of();

    /**
     * @param domain an ASCII domain name in lower case (A-labels for an internationalized one)
     * @throws DkimKeysException when the domain's keys exist but have never been readable since the start
     */
    List<SigningKey> forDomain(String domain) throws DkimKeysException;
}
