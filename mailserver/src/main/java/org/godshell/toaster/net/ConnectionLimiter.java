package org.godshell.toaster.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Counts open sessions, in total and per client address, against a server's limits (for SMTP
 * {@code concurrencyincoming} and {@code concurrencyperip}). The server refuses a connection over either limit.
 */
public final class ConnectionLimiter {

    private final Semaphore total;
    private final int perAddress;
    /** Sessions per address; each change is one atomic map operation, and an address at zero is removed. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int total, int perAddress) {
        this.total = new Semaphore(total);
        this.perAddress = perAddress;
    }

    /** Takes a slot for {@code client}; false when a limit is reached (nothing is taken then). */
    public boolean tryAcquire(InetAddress client) {
        if (!total.tryAcquire()) {
            return false;
        }
        if (byAddress.merge(client, 1, Integer::sum) > perAddress) {
            release(client);
            return false;
        }
        return true;
    }

    public void release(InetAddress client) {
        byAddress.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        total.release();
    }
}
