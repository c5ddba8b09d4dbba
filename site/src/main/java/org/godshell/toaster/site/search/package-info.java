/**
 * The wiki's server-side search: what the site build publishes for it ({@link
 * org.godshell.toaster.site.search.DocumentsFile}, each page's text by section), the in-memory Lucene index the
 * server builds from the published site and rebuilds when a build swaps it ({@link
 * org.godshell.toaster.site.search.LiveIndex}), and {@code GET /_api/search} ({@link
 * org.godshell.toaster.site.search.SearchRoute}), which answers JSON the search page shows. Without the route (a
 * site served by another web server) the page falls back to the static client-side index.
 *
 * <p>Must never: pass the user's text to a query parser (queries are built from analyzed words and quoted
 * phrases, so no syntax can fail or widen them), emit HTML (snippets are text segments marked as hits or not; the
 * browser builds them with textContent), or hold the server's threads on a rebuild while an older index can
 * answer.
 */
package org.godshell.toaster.site.search;
