/**
 * {@code toaster start|stop|status}: the daemons without systemd (containers, small hosts, the demo). Each daemon
 * runs detached in its own session, its pid in {@code run/NAME.pid}, its output in {@code log/NAME.log}.
 *
 * <p>It only ever signals a process whose command line shows it is this prefix's toaster daemon of that name, so
 * a stale pid file whose number was reused never gets another process killed. It never builds a shell string.
 * Where systemd runs the host, the installer uses units instead and this package is not involved.
 */
package org.godshell.toaster.supervise;
