/**
 * Read-only views of a page's past, served by the wiki's own server: {@code GET /_version/PATH.md?at=COMMIT}
 * (the page as it was, rendered by the site's own pipeline) and {@code GET /_compare/PATH.md?from=A&to=B} (a
 * word-level diff of its markdown).
 *
 * <p>This package must never serve an object that is not a commit reachable from {@code main} (nor a blob or
 * tree named directly, nor a commit of another ref or a dangling one), never read a path that the push rules
 * would refuse, never output text unescaped (page text, commit messages, author names all go through the HTML
 * auto-escaping templates; the one unescaped value is a rendering the sanitizer cleaned), and never write to the
 * repository. Its work per request is bounded: tokens and time for a diff, a few requests rendering at once.
 */
package org.godshell.toaster.site.versions;
