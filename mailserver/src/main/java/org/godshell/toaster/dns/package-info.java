/**
 * DNS for the server's own checks (the built-in plugins: DNS blocklists, a client's confirmed name): a small
 * facade over dnsjava that asks one question of the configured nameservers, blocking the calling (virtual)
 * thread, within a stated time.
 *
 * <p>It must never wait without a bound, never query anything but the nameservers it was given (the system's,
 * or {@code control/dnsservers}), never apply resolv.conf search domains (every name is absolute), and never
 * confuse "this name has no address" with "no answer came": the first is a fact, the second a temporary
 * failure, and a blocklist check reads them differently.
 */
package org.godshell.toaster.dns;
