package org.godshell.toaster.pop3;

/**
 * What the POP3 server tells whoever counts its logins (the metrics): only the outcome, never the user or the
 * client. Called on session threads: implementations must be thread-safe, quick and must not throw.
 */
@FunctionalInterface
public interface LoginObserver {

    /** A login's outcome: the mailbox opened, a wrong password or user, or an address the throttle blocks. */
    enum Outcome {
        OK("ok"), FAILED("failed"), BLOCKED("blocked");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    void login(Outcome outcome);

    LoginObserver NONE = outcome -> { };
}
