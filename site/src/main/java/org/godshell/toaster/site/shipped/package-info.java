/**
 * The documentation the toaster ships ({@code wiki-content/}) following the program into the wiki: on a new
 * install it is the first commit of {@code main}; after an upgrade the new version's pages are recorded on the
 * branch {@code shipped-docs} and merged with what the wiki's editors changed since ({@link ShippedDocs}).
 *
 * <p>It must never lose an edit: {@code main} moves only forward and only from the commit it was read at (a
 * push in between makes it merge again), and a page changed on both sides leaves {@code main} as it is and is
 * reported until someone merges it. It must never record a file a push would be refused for (the push rules
 * check the folder first), and never print a page name from the repository without making it printable.
 */
package org.godshell.toaster.site.shipped;
