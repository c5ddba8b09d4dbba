/**
 * Remote delivery: one message to the recipients of one remote domain, over SMTP. Routing by
 * {@code control/smtproutes} or MX records (RFC 5321 §5.1, null MX per RFC 7505), then one SMTP transaction on
 * the first host that answers (STARTTLS, PIPELINING, SIZE, 8BITMIME, SMTPUTF8, optional AUTH to a smarthost),
 * and a per-recipient {@link org.godshell.toaster.deliver.Outcome}. Before connecting to MX hosts, the
 * {@link org.godshell.toaster.deliver.remote.TlsRule}s decide each host's
 * {@link org.godshell.toaster.deliver.remote.HostTls}: opportunistic (RFC 7435), or required with a certificate
 * check (MTA-STS enforce, {@link org.godshell.toaster.deliver.remote.MtaStsRule}; DANE plugs in as another
 * rule). A host without SMTPUTF8 takes the recipients it can; those that need SMTPUTF8 go on to the next host,
 * and fail with 5.6.7 only when no host that answers offers it. The queue runner calls
 * {@link org.godshell.toaster.deliver.remote.RemoteDelivery#deliver}; see {@code wiki-content/Remote-delivery.md}.
 *
 * <p>What this package must never do: throw for network, DNS or protocol trouble (that is a Deferred), turn a
 * temporary problem into a permanent failure, send the end-of-data dot after a message it could not read to the
 * end (a truncated message must never be delivered), send a smarthost password over a connection without TLS,
 * send anything but EHLO and STARTTLS to a host whose TLS is required before its certificate is verified (and
 * never retry such a host in plain text), fail or block a delivery for want of a TLS report, ask any
 * nameserver but the configured ones, or write to the queue (results are values for the runner).
 */
package org.godshell.toaster.deliver.remote;
