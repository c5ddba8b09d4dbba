package org.godshell.toaster.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stop sequence every listener of the toaster follows (SMTP, POP3): close the listening sockets and wait for
 * their acceptor threads, ask each session to end at its next safe point (an idle one at once), give them
 * {@code grace}, then cut the rest and wait up to two more seconds for them to leave.
 */
public final class GracefulStop {

    /** A connection's session as the stop sequence sees it. */
    public interface Stoppable {
        /** End at the next safe point (between commands; after the message being received). */
        void requestStop();

        /** End now: close the connection under the session. */
        void forceStop();
    }

    private static final Duration AFTER_FORCE = Duration.ofSeconds(2);

    private GracefulStop() {
    }

    /** Runs the sequence; {@code sessions} is live (sessions remove themselves when they end). */
    public static void stop(List<ServerSocket> listeners, List<Thread> acceptors,
            Collection<? extends Stoppable> sessions, Duration grace, Consumer<String> log) {
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                log.accept("closing " + listener.getLocalSocketAddress() + ": " + e.getMessage());
            }
        }
        for (Thread acceptor : acceptors) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sessions.forEach(Stoppable::requestStop);
        waitForEmpty(sessions, grace);
        sessions.forEach(Stoppable::forceStop);
        waitForEmpty(sessions, AFTER_FORCE);
    }

    private static void waitForEmpty(Collection<?> sessions, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    /** Sleeps, keeping the interrupt for the caller to see. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
