/**
 * Checks of the host a toaster runs on, shared by the installer's preflight and {@code toaster doctor} /
 * {@code toaster dns}: who holds the toaster's ports ({@code /proc/net/tcp*}, {@code /proc/PID}), what the
 * world's DNS says about its names, and which DNS records to publish. Each result is a {@link
 * org.godshell.toaster.hostcheck.Finding} that says how to fix it.
 *
 * <p>It only reads, and it must never depend on a library: it lives in {@code common}, which has none, because
 * the installer jar carries it onto a fresh host. DNS is asked with a short time limit and can only ever warn: a
 * fresh host often has no records yet.
 */
package org.godshell.toaster.hostcheck;
