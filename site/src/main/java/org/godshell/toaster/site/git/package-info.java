/**
 * The wiki's repository over git's smart HTTP ({@code /wiki.git}): anyone may clone and fetch; a push needs an
 * account that is a wiki editor, passes the pre-receive rules, and is published by a build of the new commit.
 *
 * <p>JGit's {@code UploadPack} and {@code ReceivePack} speak the protocol; this package routes the three smart
 * HTTP requests to them, authenticates (HTTP Basic, only over TLS or loopback), checks every new commit before a
 * ref moves (and, with {@code wiki.strict}, that it adds no broken wiki link), serializes pushes, rebuilds the
 * site, tells the pusher each warning and broken link by file and line, and keeps a push log. Commits made on
 * the server by the browser editor reach main only through {@link org.godshell.toaster.site.git.Saves}: the same
 * lock, checks, build and log. What became of each push and save is told to a
 * {@link org.godshell.toaster.site.git.PushObserver} as an enum, never with the account or a path. It must never
 * accept a push or a save it has not checked, never move a ref other than the main branch, never keep the
 * objects of a refused push, never let a failed build replace the site people are reading, and never print what
 * a push brought (page names, link targets) on the pusher's terminal without making it {@code Printable}.
 */
package org.godshell.toaster.site.git;
