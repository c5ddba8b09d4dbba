/**
 * The wiki's history from one walk over its commits: each page's changes (renames followed), its creation and
 * last edit, and the recent changes of the whole wiki.
 *
 * <p>One {@link org.eclipse.jgit.revwalk.RevWalk} from the built commit, each commit diffed once against its first
 * parent with rename detection. This package must never run a walk per file (the cost that makes other wiki
 * engines slow) nor read a working tree.
 */
package org.godshell.toaster.site.history;
