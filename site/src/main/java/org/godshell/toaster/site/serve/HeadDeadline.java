package org.godshell.toaster.site.serve;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A request's head (TLS handshake, request line and headers) must arrive within {@code limit} of the connection
 * opening, or of the previous answer on a kept-alive connection; else the connection is closed. Jetty's idle
 * timeout alone restarts with every byte, so a client sending one byte now and then held a connection for as
 * long as it liked (issue 18 #14); Jetty 12.1 has no timeout of its own for the head. Once the head is in, the
 * body and the answer are bounded by the idle timeout only: a git push may take its time.
 *
 * <p>A listener on each HTTP connection factory arms the timer; {@link #marker} disarms it when a request
 * reaches the handlers, and arms it again when the answer is complete. Thread-safe.
 */
final class HeadDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final Duration limit;
    private final Map<Connection, Scheduler.Task> timers = new ConcurrentHashMap<>();

    HeadDeadline(Scheduler scheduler, Duration limit) {
        if (!limit.isPositive()) {
            throw new IllegalArgumentException("the request head deadline must be positive");
        }
        this.scheduler = scheduler;
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection);
    }

    /** The outermost handler: marks the head as arrived, and starts the clock for the next one. */
    Handler marker(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Connection connection = request.getConnectionMetaData().getConnection();
                disarm(connection);
                Request.addCompletionListener(request, failure -> arm(connection));
                return super.handle(request, response, callback);
            }
        };
    }

    private void arm(Connection connection) {
        // Arming after the connection closed leaves an entry only until its timer fires and removes it.
        Scheduler.Task timer = scheduler.schedule(() -> {
            timers.remove(connection);
            // The endpoint, not the connection: HttpConnection.close() first fails the half-read request,
            // which answers 500. A silent close is what a client expects of an idle kept-alive connection.
            connection.getEndPoint().close();
        }, limit);
        Scheduler.Task previous = timers.put(connection, timer);
        if (previous != null) {
            previous.cancel();
        }
    }

    private void disarm(Connection connection) {
        Scheduler.Task timer = timers.remove(connection);
        if (timer != null) {
            timer.cancel();
        }
    }
}
