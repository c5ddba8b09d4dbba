/**
 * The user store's PostgreSQL backend ({@code control/userdb} {@code postgresql://USER@HOST[:PORT]/DATABASE}):
 * the domains, users and aliases of several toaster hosts in one database, which Dovecot's SQL passdb and
 * userdb read as well. {@link org.godshell.toaster.users.sql.PostgresBackend} is the only public class; the
 * user store opens it and asks it what {@link org.godshell.toaster.users.UserBackend} says. The schema is
 * Flyway's migrations under {@code resources/org/godshell/toaster/users/sql/migration}, applied when a backend
 * opens; a released migration is never edited, a change is a new {@code V<n>__} file. {@code postgres.md}
 * beside the sources says how edits lock and what each table holds.
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>build SQL from input: every value, names and targets included, is a parameter of a
 *       {@link java.sql.PreparedStatement}, and the connection is set up from values, not a URL made of text;</li>
 *   <li>answer "no such user", "no such domain" or "no alias" when the database could not be asked: a failure is a
 *       {@link org.godshell.toaster.users.UserStoreException} saying which database and what to check, so that
 *       mail is deferred, never bounced, and a login fails as a server error, not as a wrong password;</li>
 *   <li>put the database password in a message or a log line (the driver's messages do not carry it);</li>
 *   <li>hang a session on a database that does not answer: the pool waits seconds, then fails;</li>
 *   <li>let Flyway, HikariCP or the driver write to stderr: they log through SLF4J, bound to nothing;</li>
 *   <li>delete mail: a removed user's or domain's directory is moved aside, and only on its mailbox host;</li>
 *   <li>edit a domain's rows without first locking its {@code domains} row, which is what makes two hosts'
 *       edits of one domain run one after the other.</li>
 * </ul>
 */
package org.godshell.toaster.users.sql;
