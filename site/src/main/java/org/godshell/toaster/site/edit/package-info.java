/**
 * Editing the wiki in the browser: the editor page ({@code /_edit/PATH.md}), its live preview
 * ({@code /_preview}), Save, rename and delete, each committed on the server as the logged-in editor and moved
 * onto main through {@link org.godshell.toaster.site.git.Saves}, the same lock, checks, build and log as a push.
 * See {@code edit.md} beside this package for the flow and the conflict rules.
 *
 * <p>It must never commit without the push checks, never overwrite a change made since the editor's base commit
 * (a clean three-way merge is committed, a conflict is shown and nothing is), never act on a POST without the
 * session's CSRF token or from another origin, never log or keep a password, never write a working tree, and
 * never serve an editor for a path a push would refuse.
 */
package org.godshell.toaster.site.edit;
