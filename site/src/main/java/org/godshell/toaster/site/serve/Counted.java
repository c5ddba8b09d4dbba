package org.godshell.toaster.site.serve;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Tells a {@link RequestObserver} of each request once, by the route that took it ({@link RouteClass#tag}) and
 * the status sent, before the client can have the end of the answer: at the last write of the body, or, for an
 * answer whose route only completes it, when it does. A client that has its answer therefore finds it counted at
 * its next scrape. A request Jetty refuses before any handler sees it (a malformed request line, headers over
 * the size limit) is not counted: it reached no route.
 */
final class Counted extends Handler.Wrapper {

    private final RequestObserver observer;

    Counted(RequestObserver observer, Handler handler) {
        super(handler);
        this.observer = observer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AtomicBoolean counted = new AtomicBoolean();
        Runnable count = () -> {
            if (counted.compareAndSet(false, true)) {
                observer.answered(RouteClass.of(request), StatusClass.of(response.getStatus()));
            }
        };
        Response counting = new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback written) {
                if (last) {
                    count.run();
                }
                super.write(last, content, written);
            }
        };
        Callback completing = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                count.run();
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                // Jetty's error page then carries the exception's status, or 500.
                if (counted.compareAndSet(false, true)) {
                    observer.answered(RouteClass.of(request), StatusClass.of(failure instanceof HttpException http
                            ? http.getCode() : 500));
                }
                super.failed(failure);
            }
        };
        boolean taken;
        try {
            taken = super.handle(request, counting, completing);
        } catch (Exception | Error e) {
            if (counted.compareAndSet(false, true)) {
                observer.answered(RouteClass.of(request), StatusClass.S5XX);
            }
            throw e;
        }
        if (!taken) {
            // Jetty answers 404 itself.
            observer.answered(RouteClass.OTHER, StatusClass.S4XX);
        }
        return taken;
    }
}
