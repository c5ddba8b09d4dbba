package org.godshell.toaster.logstats;

/** One hour of the day's traffic, mutable while the tally runs. */
final class Hour {
    long received;
    long delivered;
    long deferred;
    long bounced;
    long refused;
}
