package org.godshell.toaster.deliver;

/**
 * What delivery tells whoever counts its work (the metrics): each recipient's outcome of each attempt, and how
 * long each remote SMTP transaction took. Outcomes are from a fixed set; no address or host name is passed.
 * Called on delivery threads: implementations must be thread-safe, quick and must not throw.
 */
public interface DeliveryObserver {

    /** A recipient's outcome: delivered to a Maildir, accepted by a remote host, deferred, or bounced. */
    enum Result {
        LOCAL("local"), REMOTE("remote"), DEFERRED("deferred"), BOUNCED("bounced");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code count} recipients had {@code result}. */
    void delivered(Result result, int count);

    /** One remote transaction (a domain's recipients of one message) ended, well or not, after {@code nanos}. */
    void remoteTransaction(long nanos);

    DeliveryObserver NONE = new DeliveryObserver() {
        @Override
        public void delivered(Result result, int count) {
        }

        @Override
        public void remoteTransaction(long nanos) {
        }
    };
}
