/**
 * The metrics endpoint of a daemon: an HTTP server that answers {@code GET /metrics} (and {@code HEAD}) with the
 * Prometheus text format, or OpenMetrics when the scraper asks for it, of a registry its caller filled. It
 * listens where the caller's setting says (loopback by default); a non-loopback address needs a bearer token and
 * TLS, or the endpoint refuses to start ({@link org.godshell.toaster.metrics.EndpointSettings#check}).
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>know a mail or web protocol: what is counted, and under which names and labels, is the caller's
 *       business; the certificate comes in as an {@link javax.net.ssl.SSLContext} the caller made;</li>
 *   <li>answer anything but {@code /metrics} (no index page, no health check that leaks what runs), or read a
 *       request body;</li>
 *   <li>gather from anything but a loopback address, or follow a redirect there;</li>
 *   <li>compare a token in time that depends on where it differs, or say which part of a request was wrong.</li>
 * </ul>
 * An endpoint given other daemons' loopback endpoints ({@link org.godshell.toaster.metrics.MetricsSource}) gathers
 * their pages into its own at each scrape ({@link org.godshell.toaster.metrics.Gathering}), so a host has one URL
 * to scrape; a page it gathers is read as untrusted text, bounded in size and time, and can never fail the scrape.
 * {@link org.godshell.toaster.metrics.JvmMetrics} registers the JVM's and the process's figures, which every
 * daemon's endpoint has, labelled with the daemon. It uses the Prometheus client, an optional dependency of this module: only daemons that
 * serve metrics carry it.
 */
package org.godshell.toaster.metrics;
