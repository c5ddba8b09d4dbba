/**
 * Real scanners against the real daemons: testssl.sh on every TLS port, nmap's relay, user and cipher scripts
 * on SMTP, started as separate programs against a toaster on loopback and judged from their machine-readable
 * reports (testssl.sh's JSON, nmap's XML), with a hard time limit that kills a hung scan.
 *
 * <p>Tests here must never scan anything but 127.0.0.1 (no DNS lookups either: the scanners are told not to), never
 * judge a scanner's prose output, and never skip silently under CI: a missing scanner fails there.
 */
package org.godshell.toaster.scan;
