/**
 * The wiki's web server: Jetty's HTTP/1.1 and TLS connectors, a handler that serves the generated site read
 * through the symlink the generator swaps, and the routing of {@code /wiki.git} to git's smart HTTP.
 *
 * <p>A request path is decoded once, strictly (percent escapes, then UTF-8 that refuses overlong forms), and
 * checked segment by segment before any file is touched; every file is opened under one resolved build directory
 * without following symlinks. This package must never list a directory, never serve a file outside the build the
 * symlink named when the request arrived, and never echo a request path into HTML.
 */
package org.godshell.toaster.site.serve;
