/**
 * The daemons' log lines: one formatter per daemon ({@link DaemonLog}) that writes each line either as the
 * text admins and fail2ban read ({@code TIME smtpd[SESSION] auth failed client=IP user=NAME ...}) or as one JSON
 * object a line for log shippers, from the same {@link Line} value, so the two formats cannot drift.
 *
 * <p>What this package must never do: let a client-supplied value end a line, forge another field or another
 * line (control characters are escaped in text, JSON strings are escaped as RFC 8259 §7 says), put a value
 * before the fixed fields a filter anchors on, or know what a daemon's events mean.
 */
package org.godshell.toaster.logline;
