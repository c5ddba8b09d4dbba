/**
 * The toaster's configuration: qmail-style control files, one setting per file in {@code control/}. One table,
 * {@link org.godshell.toaster.config.ControlFiles}, has a {@link org.godshell.toaster.config.Key} per file (its
 * type, parser, default, readers and when an edit takes effect); code reads a file only through its key and
 * {@link org.godshell.toaster.config.Controls}, which reads it by qmail's {@code control.c} rules
 * ({@link org.godshell.toaster.config.ControlFile}) and again whenever it changes. A daemon's settings
 * ({@link org.godshell.toaster.config.SmtpConfig}, {@link org.godshell.toaster.config.DeliveryConfig},
 * {@link org.godshell.toaster.config.Pop3Config}) are {@link org.godshell.toaster.config.Live} values made from
 * the table and asked for at every connection or delivery: the one reload rule.
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>fall back to a default when a file exists but is unreadable or malformed: a missing file means the
 *       documented default; anything else is a {@link org.godshell.toaster.config.ConfigException} with
 *       {@code file:line}, what is wrong and the fix, and the daemon refuses to start; once it runs, a bad edit
 *       keeps the last good value and is logged, never replaced by a default;</li>
 *   <li>read a control file behind the table's back: a new file is a new row;</li>
 *   <li>look anything up on the network: addresses are IP literals, parsed here, never resolved (the one
 *       exception is the default for {@code control/me}, the host's own name, asked of the system once, as
 *       qmail's {@code config-fast} does);</li>
 *   <li>be more permissive than qmail where qmail is open: a missing {@code rcpthosts} accepts no domain.</li>
 * </ul>
 * Values are immutable and safe to share between sessions.
 */
package org.godshell.toaster.config;
