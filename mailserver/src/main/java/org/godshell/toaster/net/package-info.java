/**
 * Network plumbing shared by the toaster's servers (SMTP, POP3): the per-server and per-address connection
 * limits, and a read deadline for a whole command rather than for each read (slowloris).
 *
 * <p>It knows no protocol: it must never parse, answer or log what a client sends.
 */
package org.godshell.toaster.net;
