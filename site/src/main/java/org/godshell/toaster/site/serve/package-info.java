/**
 * The wiki's web server: Jetty's HTTP/1.1 and TLS connectors, a handler that serves the generated site read
 * through the symlink the generator swaps, the routing of {@code /wiki.git} to git's smart HTTP, and the routes
 * of the documents mail clients set themselves up from (autoconfig, Autodiscover, the Apple profile: {@link
 * org.godshell.toaster.site.serve.MailClientRoutes}) and of the toaster's MTA-STS policy ({@link
 * org.godshell.toaster.site.serve.MtaStsRoute}, HTTPS only), which answer for the toaster's domains only, and
 * ACME's HTTP-01 challenge answers from one directory ({@link org.godshell.toaster.site.serve.AcmeChallengeRoute}),
 * and the Jetty side of its TLS-ALPN-01 answers ({@link org.godshell.toaster.site.tlsalpn}): the ALPN selector
 * and closing the connection after such a handshake. Each answered request is told to a
 * {@link org.godshell.toaster.site.serve.RequestObserver} by {@link org.godshell.toaster.site.serve.RouteClass}
 * and {@link org.godshell.toaster.site.serve.StatusClass} only, never by its path, host or headers.
 *
 * <p>A request path is decoded once, strictly (percent escapes, then UTF-8 that refuses overlong forms), and
 * checked segment by segment before any file is touched; every file is opened under one resolved build directory
 * without following symlinks. This package must never list a directory, never serve a file outside the build the
 * symlink named when the request arrived, and never echo a request path into HTML. A mail client's document
 * carries nothing of its request but a checked domain and address, escaped, and only the domain reaches a header.
 */
package org.godshell.toaster.site.serve;
