/**
 * Preflight: what must be true of the host before an install changes anything (Java, root, free ports, disk
 * space, the host name), and what should be true (DNS), each as a {@link org.godshell.toaster.hostcheck.Finding}
 * that says how to fix it. Ports and DNS are the mail server's {@code hostcheck} package, which {@code toaster
 * doctor} uses too.
 *
 * <p>It only reads: {@code /proc}, file-store sizes and DNS answers.
 */
package org.godshell.toaster.installer.preflight;
