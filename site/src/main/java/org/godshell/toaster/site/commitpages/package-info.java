/**
 * Commit pages on request: {@code toaster wiki serve} answers {@code GET /_commit/ID.html} by rendering the page a
 * static export's build writes, from the published build's index (its history, settings and pages' titles) and
 * the commit's diff read from the repository, so that no build writes, syncs and relinks a file per commit.
 *
 * <p>This package must never render a commit the published build's history does not list (another branch, a
 * quarantined push, a tree or blob id), never write into a build, never let one request's id reach the
 * repository before it is found in that history, and never hold more rendered pages than its cache's bound.
 */
package org.godshell.toaster.site.commitpages;
