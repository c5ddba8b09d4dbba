/**
 * Dovecot as the toaster's IMAP server: which Dovecot a host runs ({@code dovecot --version}), the one drop-in
 * configuration the installer writes for it (Dovecot 2.3 and 2.4 differ in syntax), with {@code --users} the file
 * that connects it to the users' PostgreSQL database ({@link org.godshell.toaster.installer.imap.SqlUsers}), and the
 * systemd path unit that reloads Dovecot when the toaster's certificate changes.
 *
 * <p>It renders text from checked values only: a prefix, user name, host name or database name that a Dovecot
 * configuration, an SQL literal or a unit file could not carry as a plain word (a space, a quote, {@code #},
 * {@code %}, {@code $}, a line break) is refused, never quoted into the file. The one value quoted is the database
 * role's password, which the admin chose: in the quoting its readers define (libpq's inside Dovecot's), with line
 * breaks and control characters refused. It writes nothing and runs nothing: the steps do, and they never touch a
 * Dovecot file other than the installer's own.
 */
package org.godshell.toaster.installer.imap;
