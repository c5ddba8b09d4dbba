package org.godshell.toaster.net;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time limit of one exchange with a service (a policy server, clamd, rspamd), made real: when it passes,
 * the connection in use is closed, which wakes the thread blocked in its connect, write or read with an
 * exception, as a plugin process is killed at its timeout.
 * A socket timeout would not do: it bounds each read, not the whole exchange, and unix sockets have none.
 */
public final class Deadline implements AutoCloseable {

    private final Duration timeout;
    private final AtomicReference<Closeable> watched = new AtomicReference<>();
    private final Thread watchdog;
    private volatile boolean passed;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.watchdog = Thread.ofVirtual().name("deadline").start(this::await);
    }

    public static Deadline start(Duration timeout) {
        return new Deadline(timeout);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether the time is up; once true, a failure of the exchange is the timeout's doing. */
    public boolean passed() {
        return passed;
    }

    /** The connection to close when the time is up (closed at once if it already is). */
    public void watch(Closeable connection) {
        watched.set(connection);
        if (passed) {
            shut(connection);
        }
    }

    private void await() {
        try {
            Thread.sleep(timeout);
        } catch (InterruptedException e) {
            return; // the exchange ended in time
        }
        passed = true;
        Closeable connection = watched.get();
        if (connection != null) {
            shut(connection);
        }
    }

    private static void shut(Closeable connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // Closed as far as it goes; the owner closes it again.
        }
    }

    /** The exchange is over: the watchdog stops. */
    @Override
    public void close() {
        watchdog.interrupt();
    }
}
