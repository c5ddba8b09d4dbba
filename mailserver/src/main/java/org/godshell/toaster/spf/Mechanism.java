package org.godshell.toaster.spf;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One mechanism of a record (RFC 7208 §5), as parsed; domain specs are kept unexpanded, since macros (§7) depend
 * on the check. {@code Optional.empty()} as a domain means "the current domain".
 */
sealed interface Mechanism {

    /** {@code all} (§5.1). */
    record All() implements Mechanism {}

    /** {@code include:domain} (§5.2). */
    record Include(String domain) implements Mechanism {}

    /** {@code a[:domain][/v4][//v6]} (§5.3). */
    record A(Optional<String> domain, int v4, int v6) implements Mechanism {}

    /** {@code mx[:domain][/v4][//v6]} (§5.4). */
    record Mx(Optional<String> domain, int v4, int v6) implements Mechanism {}

    /** {@code ptr[:domain]} (§5.5): counted as a DNS term, never matches (see package-info). */
    record Ptr(Optional<String> domain) implements Mechanism {}

    /** {@code ip4:network[/length]} or {@code ip6:network[/length]} (§5.6). */
    record Ip(InetAddress network, int length) implements Mechanism {}

    /** {@code exists:domain} (§5.7). */
    record Exists(String domain) implements Mechanism {}

    /** A mechanism and its qualifier (§4.6.2). */
    record Directive(SpfResult onMatch, Mechanism mechanism) {}

    /** Whether this mechanism asks DNS, and so counts toward the limit of 10 (§4.6.4). */
    default boolean queriesDns() {
        return this instanceof Include || this instanceof A || this instanceof Mx || this instanceof Ptr
                || this instanceof Exists;
    }
}
