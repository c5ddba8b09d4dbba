/**
 * Pages on request: {@code toaster wiki serve} answers {@code GET /_commit/ID.html} and {@code GET
 * /_history/PATH.html} by rendering the page a static export's build writes, from the published build's index
 * (its history, settings and pages' titles) and, for a commit, its diff read from the repository, so that no
 * build writes, syncs and relinks a file per commit and per page's history.
 *
 * <p>This package must never render a commit the published build's history does not list (another branch, a
 * quarantined push, a tree or blob id), nor the history of a path that is not one of that build's pages; never
 * write into a build, never let one request's id or path reach the repository or the file system before it is
 * found in that build's index (the file a build wrote itself is looked up by a path the site's own rules
 * checked), and never hold more rendered pages than its cache's bound.
 */
package org.godshell.toaster.site.onrequest;
