/**
 * The mail daemons' Prometheus metrics: what smtpd (with the delivery it runs) and pop3d count, under which
 * names and labels, and the endpoint each daemon serves them on (common's {@code metrics} package, set up from
 * {@code control/listen-metrics}, {@code listen-metrics-pop3d} and {@code metricstoken}). One registry per
 * process, made at start; the server code sees only its narrow observer interfaces ({@code SmtpObserver},
 * {@code DeliveryObserver}, {@code LoginObserver}, {@code PluginTimer}). The design, and why pop3d has an
 * endpoint of its own, is in {@code metrics.md} beside this file.
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>put anything a client sent, or any address, user or host name, into a label: label values come from
 *       fixed sets (enums, {@code Stage}) or from the admin's configuration (listener ports, plugin names,
 *       certificate file names), so their number stays small and no scrape reveals who mailed whom;</li>
 *   <li>read the disk at scrape time (the queue gauges come from the runner's in-memory tally), or block a mail
 *       session on a scrape;</li>
 *   <li>change what the server does: observers count and return.</li>
 * </ul>
 */
package org.godshell.toaster.mailmetrics;
