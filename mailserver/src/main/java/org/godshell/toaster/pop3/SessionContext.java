package org.godshell.toaster.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.godshell.toaster.config.Pop3Config;

/**
 * The state of one POP3 session, which handlers read and change: the RFC 1939 state, TLS, the name given by
 * USER, and once logged in the user and the locked {@link Maildrop}.
 *
 * <p>Not thread-safe: the session's own thread alone uses it.
 */
final class SessionContext implements AutoCloseable {

    final Pop3Config config;
    final Accounts accounts;
    final Pop3Log log;
    final String id;
    final InetSocketAddress client;
    /** A certificate is configured, so STLS can be offered. */
    final boolean tlsAvailable;
    /** Who counts the logins; set by the server before the session runs. */
    LoginObserver observer = LoginObserver.NONE;
    private State state = State.AUTHORIZATION;
    private Optional<String> tls = Optional.empty();
    private Optional<String> pendingUser = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<Maildrop> maildrop = Optional.empty();

    SessionContext(Pop3Config config, Accounts accounts, Pop3Log log, String id, InetSocketAddress client,
            boolean tlsAvailable) {
        this.config = config;
        this.accounts = accounts;
        this.log = log;
        this.id = id;
        this.client = client;
        this.tlsAvailable = tlsAvailable;
    }

    State state() {
        return state;
    }

    boolean tlsActive() {
        return tls.isPresent();
    }

    /** RFC 2595 §4: after the handshake the session starts over; a USER sent before it is forgotten. */
    void tlsStarted(String info) {
        tls = Optional.of(info);
        pendingUser = Optional.empty();
    }

    /** The name of the last USER, waiting for PASS. */
    Optional<String> pendingUser() {
        return pendingUser;
    }

    void pendingUser(String name) {
        pendingUser = Optional.of(name);
    }

    void forgetPendingUser() {
        pendingUser = Optional.empty();
    }

    /** PASS succeeded and the mailbox is locked: the TRANSACTION state (RFC 1939 §4). */
    void loggedIn(String address, Maildrop drop) {
        user = Optional.of(address);
        maildrop = Optional.of(drop);
        pendingUser = Optional.empty();
        state = State.TRANSACTION;
    }

    Optional<String> user() {
        return user;
    }

    /** The mailbox; the command table lets only TRANSACTION commands, which have one, ask. */
    Maildrop maildrop() {
        return maildrop.orElseThrow(() -> new IllegalStateException("no mailbox before login"));
    }

    /** The end of the connection, with or without QUIT: the lock goes, the mail stays. */
    @Override
    public void close() {
        if (maildrop.isPresent()) {
            try {
                maildrop.get().close();
            } catch (IOException e) {
                log.event(id, "releasing the mailbox lock: " + e.getMessage());
            }
            maildrop = Optional.empty();
        }
    }
}
