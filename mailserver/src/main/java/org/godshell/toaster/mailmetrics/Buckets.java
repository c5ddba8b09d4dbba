package org.godshell.toaster.mailmetrics;

/** Histogram bounds, in seconds, for the two latencies the toaster measures. */
final class Buckets {

    /**
     * A plugin run: a built-in answers in microseconds, a forked script in milliseconds, a DNS or rspamd check in
     * tens to hundreds of milliseconds; the default timeout (spptimeout) is 10 s.
     */
    static final double[] PLUGIN = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** A remote SMTP transaction: tens of milliseconds nearby, seconds across the world, minutes for a tarpit. */
    static final double[] REMOTE = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    private Buckets() {
    }
}
