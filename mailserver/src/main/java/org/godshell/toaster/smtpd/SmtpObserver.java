package org.godshell.toaster.smtpd;

import org.godshell.toaster.spp.PluginTimer;

/**
 * What the SMTP server tells whoever counts its work (the metrics): connections, sessions, the verdict on each
 * transaction step, failed logins. Every argument is a value from a fixed set or from the admin's configuration
 * (a listener's port, a plugin's configured name): never an address, a name or a word a client sent, so that a
 * counter's labels stay few and private. Called on session threads: implementations must be thread-safe, quick
 * and must not throw.
 */
public interface SmtpObserver extends PluginTimer {

    /** Why a connection was turned away before the greeting. */
    enum Refusal {
        /** A {@code tcp.smtp} deny rule. */
        RULE,
        /** {@code concurrencyincoming} or {@code concurrencyperip} reached: the address is throttled. */
        LIMIT
    }

    /** The three classes of an answer to MAIL, RCPT or the message (RFC 5321 §4.2.1: 2yz, 4yz, 5yz). */
    enum Result {
        ACCEPTED("accepted"), TEMP_FAILED("temp_failed"), REFUSED("refused");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A connection was accepted on the listener of {@code port}. */
    void connected(int port);

    void connectionRefused(int port, Refusal why);

    /** A session that got its greeting ended; {@code tls} is {@code none} or the TLS version it ended with. */
    void sessionEnded(int port, TlsVersion tls);

    /** A MAIL, RCPT or message was answered: accepted ({@link Stage#NONE}), or refused at {@code stage}. */
    void verdict(Result result, Stage stage);

    /** A login failed (wrong password, unknown user, malformed exchange). */
    void authFailed(int port);

    /** An address the login throttle blocks was turned away. */
    void authBlocked(int port);

    /** Counts nothing: servers made without metrics (tests, tools). */
    SmtpObserver NONE = new SmtpObserver() {
        @Override
        public void connected(int port) {
        }

        @Override
        public void connectionRefused(int port, Refusal why) {
        }

        @Override
        public void sessionEnded(int port, TlsVersion tls) {
        }

        @Override
        public void verdict(Result result, Stage stage) {
        }

        @Override
        public void authFailed(int port) {
        }

        @Override
        public void authBlocked(int port) {
        }

        @Override
        public void pluginRan(String plugin, long micros) {
        }
    };
}
