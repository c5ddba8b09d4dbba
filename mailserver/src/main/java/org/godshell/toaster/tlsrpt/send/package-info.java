/**
 * Sending the day's reports (RFC 8460 §5): for each policy domain with results, its TLSRPT record is looked up,
 * and the gzipped report goes to each {@code rua}: by mail through our own queue (§5.3), or by HTTPS POST
 * (§5.4). The daily job runs this once per UTC day inside the delivery daemon and remembers which day it did.
 *
 * <p>What this package must never do: send to an address the policy domain did not publish, report to one of
 * our own domains, follow an HTTPS redirect, send a report twice for a day it has noted as done, or put
 * anything about a message in a report.
 */
package org.godshell.toaster.tlsrpt.send;
