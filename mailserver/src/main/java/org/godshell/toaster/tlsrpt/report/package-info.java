/**
 * The daily aggregate report (RFC 8460 §4): the day's session results counted per policy domain and per policy,
 * failures grouped, written as the JSON of §4.4 and packed as the gzip file §5.1 names.
 *
 * <p>What this package must never do: read the network or DNS, put anything about a message in a report (it
 * sees only policies, hosts, addresses and counts), or write JSON by string concatenation without escaping:
 * host names and texts in a report come from remote servers and DNS.
 */
package org.godshell.toaster.tlsrpt.report;
