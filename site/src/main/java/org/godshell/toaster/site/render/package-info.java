/**
 * Markdown to safe HTML: Flexmark (CommonMark, GFM tables, task lists, strikethrough, autolinks, footnotes,
 * heading anchors, admonitions, definition lists, wiki links), then the jsoup sanitizer.
 *
 * <p>Every page goes through {@link org.godshell.toaster.site.render.Sanitizer}; nothing rendered here may reach a
 * template unsanitized. A hostile page (deep nesting, slow syntax) must never take the build down: rendering runs
 * on a thread with a large stack and a time limit, and failure is a notice on that page.
 */
package org.godshell.toaster.site.render;
