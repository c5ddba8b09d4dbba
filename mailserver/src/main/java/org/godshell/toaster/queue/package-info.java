/**
 * The durable mail queue: where a message lives between the SMTP server's {@code 250} and its delivery.
 *
 * <p>{@link org.godshell.toaster.queue.Queue#begin} starts an {@link org.godshell.toaster.queue.Intake} whose body
 * streams to a temporary file; {@link org.godshell.toaster.queue.Intake#commit} returns only when the envelope and
 * the message are on disk and visible under their {@link org.godshell.toaster.queue.QueueId}. A crash at any moment
 * leaves either no message or a complete one. Before the commit a checker may read the message back
 * ({@link org.godshell.toaster.queue.Intake#received}, indexed by {@link org.godshell.toaster.queue.HeaderBlock})
 * and commit it with {@link org.godshell.toaster.queue.HeaderEdits}: fields added on top, received fields
 * dropped, stored with the message in the same file, applied by
 * {@link org.godshell.toaster.queue.QueuedMessage#openMessage()}. The states, the file layout and the crash
 * analysis are in {@code queue.md} beside this file.
 *
 * <p>This package must never report a message as queued before it is durable, never overwrite or modify a
 * committed message (header edits are written before the commit point, never after), never hold a message body
 * in memory, never store an added header field it has not checked, and never deliver, bounce or delete
 * committed mail: that belongs to the delivery side, which owns its own files.
 */
package org.godshell.toaster.queue;
