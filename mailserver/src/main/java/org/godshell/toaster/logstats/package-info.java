/**
 * {@code toaster stats}: reads back what smtpd and pop3d log and sums up a day of it, as pflogsumm does for
 * Postfix: mail received, delivered (local, remote), deferred, bounced, refused by stage and reason, AUTH
 * failures, top senders, recipients and clients, plugin verdicts, per hour.
 *
 * <p>Three steps, each replaceable: {@link org.godshell.toaster.logstats.LogInput} cuts bytes into lines (capped,
 * binary and control characters refused); a reader turns one line into a {@link
 * org.godshell.toaster.logstats.LogRecord} whose field names are the {@code key=} names of the text lines
 * ({@link org.godshell.toaster.logstats.TextLineReader}, and {@link org.godshell.toaster.logstats.JsonLineReader}
 * for {@code control/logformat} {@code json}, which gives the same record for the same event; {@link
 * org.godshell.toaster.logstats.MixedLineReader} picks one per line, so a log that changed format is read whole);
 * {@link org.godshell.toaster.logstats.Tally} counts records and {@link org.godshell.toaster.logstats.TextReport}
 * and {@link org.godshell.toaster.logstats.JsonReport} render the report.
 *
 * <p>It must never stop at a bad line (each is skipped and counted), never trust a value a client chose to
 * delimit another (addresses are read with their quoting, the server's own fields from the right; a JSON member
 * is taken by its name and never read inside, short of the server's own sentences), and never write anything:
 * it reads logs, the caller decides where the report goes.
 */
package org.godshell.toaster.logstats;
