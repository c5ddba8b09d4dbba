package org.godshell.toaster.qmailimport;

/**
 * Something of the old host that the import leaves out, for the report: {@code what} names it
 * ({@code /home/vpopmail/domains/example.com/vpasswd:7}, {@code control/qmqpservers}), {@code reason} says why and,
 * where there is one, what the admin can do instead. Neither ever holds a password.
 */
public record Skipped(String what, String reason) {
}
