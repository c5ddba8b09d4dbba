/**
 * Preflight: what must be true of the host before an install changes anything (Java, root, free ports, disk
 * space, the host name), and what should be true (DNS), each as a {@link
 * org.godshell.toaster.installer.preflight.Finding} that says how to fix it.
 *
 * <p>It only reads: {@code /proc/net/tcp*}, {@code /proc/PID/fd} links and {@code comm}, file-store sizes and DNS
 * answers. DNS is asked with a short time limit and can only ever warn: a fresh host often has no records yet.
 */
package org.godshell.toaster.installer.preflight;
