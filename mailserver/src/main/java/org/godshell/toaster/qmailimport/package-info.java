/**
 * Reading an old qmail/vpopmail toaster so that {@code toaster import qmail} (issue 24) can take it over: vpopmail's
 * {@code domains/<domain>/vpasswd} ({@link org.godshell.toaster.qmailimport.Vpasswd}) and the {@code .qmail-<name>}
 * and {@code .qmail-default} files ({@link org.godshell.toaster.qmailimport.DotQmail}), qmail's virtualdomains and
 * users/assign, valias dumps, tcp.smtp sources, plugin files and control files. Pure parsers: bytes in,
 * records and line-numbered problems out; the mapping onto the toaster's own files is described in
 * {@code import.md} beside this file.
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>write to, lock, rename or otherwise change anything of the old toaster: it only reads;</li>
 *   <li>keep vpasswd's clear-text password field in any object, problem text or {@code toString}: the field is
 *       skipped while splitting and a broken line is reported by number, never echoed;</li>
 *   <li>follow a path outside the roots it was given: {@code ../}, absolute paths elsewhere and symbolic links
 *       are refused, since a hostile vpasswd or {@code .qmail} file could otherwise point the import at
 *       {@code /etc} or another user's mail;</li>
 *   <li>read a file larger than {@link org.godshell.toaster.qmailimport.ImportText#MAX_BYTES} or with more than
 *       {@link org.godshell.toaster.qmailimport.ImportText#MAX_LINES} lines: such a file is refused whole;</li>
 *   <li>turn a program delivery ({@code |command}) into anything that runs: it is listed as not imported.</li>
 * </ul>
 */
package org.godshell.toaster.qmailimport;
