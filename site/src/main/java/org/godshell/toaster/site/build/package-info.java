/**
 * A build of the wiki: read the commit, render, compose, then publish the site atomically.
 *
 * <p>The one commit point is a rename: the new site is written complete into a fresh directory, then a symlink
 * is swapped to it ({@link org.godshell.toaster.site.build.SiteSwap}). A reader sees the old site or the new one,
 * never a mix. This package must never write into the directory a reader is being served from. A build tells its
 * mode, outcome, time and page count to a {@link org.godshell.toaster.site.build.BuildObserver} (the server's
 * metrics) and knows nothing of how they are counted.
 */
package org.godshell.toaster.site.build;
