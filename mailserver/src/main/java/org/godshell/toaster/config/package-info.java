/**
 * The toaster's configuration: qmail-style control files, one setting per file in {@code control/}
 * ({@link org.godshell.toaster.config.SmtpConfig}), read by qmail's {@code control.c} rules
 * ({@link org.godshell.toaster.config.ControlFile}), and the per-source rules of {@code control/tcp.smtp} in
 * tcprules syntax ({@link org.godshell.toaster.config.TcpRules}), and remote delivery's routes
 * ({@link org.godshell.toaster.config.SmtpRoutes}, qmail's {@code smtproutes}) and smarthost logins
 * ({@link org.godshell.toaster.config.SmarthostAuth}, a file only its owner may read).
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>fall back to a default when a file exists but is unreadable or malformed: a missing file means the
 *       documented default, anything else is a {@link org.godshell.toaster.config.ConfigException} with
 *       {@code file:line}, what is wrong and the fix, and the server refuses to start;</li>
 *   <li>look anything up on the network: addresses are IP literals, parsed here, never resolved (the one
 *       exception is the default for {@code control/me}, the host's own name, asked of the system as qmail's
 *       {@code config-fast} does);</li>
 *   <li>be more permissive than qmail where qmail is open: a missing {@code rcpthosts} accepts no domain.</li>
 * </ul>
 * Values are immutable and safe to share between sessions.
 */
package org.godshell.toaster.config;
