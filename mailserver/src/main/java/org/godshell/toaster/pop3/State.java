package org.godshell.toaster.pop3;

/**
 * Where a session stands (RFC 1939 §3). The UPDATE state has no enum value: it is the handling of QUIT in
 * {@link #TRANSACTION}, after which the connection closes.
 */
enum State {
    /** Greeted, not logged in: USER, PASS, STLS, CAPA, QUIT. */
    AUTHORIZATION,
    /** Logged in with the mailbox locked and listed: the mail commands. */
    TRANSACTION
}
