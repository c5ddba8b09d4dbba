package org.godshell.toaster.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open sessions, in total and per client address, against a server's limits (for SMTP
 * {@code concurrencyincoming} and {@code concurrencyperip}). The server refuses a connection over either limit.
 * The limits come with each connection, as the control files say at that moment: a lowered limit refuses new
 * connections until enough sessions have ended, and never cuts one that is open.
 */
public final class ConnectionLimiter {

    private final AtomicInteger total = new AtomicInteger();
    /** Sessions per address; each change is one atomic map operation, and an address at zero is removed. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    /** Takes a slot for {@code client}; false when a limit is reached (nothing is taken then). */
    public boolean tryAcquire(InetAddress client, int maxTotal, int maxPerAddress) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return false;
        }
        if (byAddress.merge(client, 1, Integer::sum) > maxPerAddress) {
            release(client);
            return false;
        }
        return true;
    }

    public void release(InetAddress client) {
        byAddress.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
