/**
 * Local delivery: a queued message's copy for one recipient of a virtual domain, written into the Maildirs its
 * address leads to (users, aliases, the catch-all), with qmail's loop checks ({@code Delivered-To:}, too many
 * {@code Received:} lines) and a new queued message for the remote targets of an alias.
 *
 * <p>What this package must never do: let a reader see part of a message (a copy appears in {@code new/} only
 * by one link, after its data is fsynced), report a copy delivered before {@code new/} is fsynced, write
 * outside the Maildir the user store names, or touch a file in {@code tmp/} younger than 36 hours.
 */
package org.godshell.toaster.deliver.local;
