/**
 * The site as files: Freemarker templates (HTML auto-escaping, built in and overridable by the wiki's
 * {@code templates/}), navigation, history and tag pages, the Atom feed, the sitemap, the sharded search index and
 * the static assets; a redirect page at each former name of a renamed page, and the history page of each deleted
 * page ({@code FormerNames}).
 *
 * <p>Output is a sorted map from site path to bytes, made only from the commit's content and dates, so the same
 * commit gives the same bytes. Templates may echo only escaped values; the one unescaped value is a page body the
 * {@link org.godshell.toaster.site.render.Sanitizer} cleaned. Templates from the repository get no class
 * construction ({@code ?new}) and no API access.
 *
 * <p>What a build takes over from the previous build in the same process ({@code SearchMemory},
 * {@code HtmlDigests}) is found by object identity and is a function of that object alone: it saves work and must
 * never change a byte.
 */
package org.godshell.toaster.site.output;
