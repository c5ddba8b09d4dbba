/**
 * The durable mail queue: where a message lives between the SMTP server's {@code 250} and its delivery.
 *
 * <p>{@link org.godshell.toaster.queue.Queue#begin} starts an {@link org.godshell.toaster.queue.Intake} whose body
 * streams to a temporary file; {@link org.godshell.toaster.queue.Intake#commit} returns only when the envelope and
 * the message are on disk and visible under their {@link org.godshell.toaster.queue.QueueId}. A crash at any moment
 * leaves either no message or a complete one. The states, the file layout and the crash analysis are in
 * {@code queue.md} beside this file.
 *
 * <p>This package must never report a message as queued before it is durable, never overwrite or modify a
 * committed message, never hold a message body in memory, and never deliver, bounce or delete committed mail:
 * that belongs to the delivery side, which owns its own files.
 */
package org.godshell.toaster.queue;
