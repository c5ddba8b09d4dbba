/**
 * The wiki's pages as a model: front matter, titles, URLs, the folder tree and the names a wiki link may use.
 *
 * <p>Pure functions over text; no I/O, no rendering. The front-matter parser reads a small, strict subset of
 * YAML (four keys) and must never throw on hostile input: every problem is a message, the page still builds.
 */
package org.godshell.toaster.site.page;
