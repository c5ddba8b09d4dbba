/**
 * Network plumbing shared by the toaster's servers (SMTP, POP3): the per-server and per-address connection
 * limits and the open-files limit they must fit in, a read deadline for a whole command rather than for each
 * read (slowloris), a write deadline (a client that never reads), the accept loop and the graceful stop sequence,
 * and the deadline that closes a connection to a service (a policy server, clamd, rspamd) when its exchange runs
 * out of time.
 *
 * <p>It knows no protocol: it must never parse, answer or log what a client sends.
 */
package org.godshell.toaster.net;
