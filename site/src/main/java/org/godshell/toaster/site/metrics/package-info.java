/**
 * The wiki server's Prometheus metrics ({@code toaster wiki serve}): builds, pushes, saves from the browser and
 * HTTP requests, with the JVM's figures, in one registry made at start ({@link
 * org.godshell.toaster.site.metrics.WikiMetrics}), served on the daemon's own endpoint (common's {@code metrics}
 * package; {@code control/listen-metrics-wiki}, port 9589 by default). The builder, the push code and the server
 * see only their observer interfaces ({@code BuildObserver}, {@code PushObserver}, {@code RequestObserver}).
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>put anything a client sent, or a user, path, page or commit, into a label: every label value comes from
 *       an enum of a fixed set, so the series are few and no scrape shows who edited what;</li>
 *   <li>read the disk or the repository at scrape time, or hold a lock a push or a request needs;</li>
 *   <li>change what the server does: observers count and return.</li>
 * </ul>
 */
package org.godshell.toaster.site.metrics;
