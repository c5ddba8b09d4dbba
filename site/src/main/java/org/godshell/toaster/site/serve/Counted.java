package org.godshell.toaster.site.serve;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Tells a {@link RequestObserver} of each request when its answer is complete, by the route that took it
 * ({@link RouteClass#tag}) and the status sent. A request Jetty refuses before any handler sees it (a malformed
 * request line, headers over the size limit) is not counted: it reached no route.
 */
final class Counted extends Handler.Wrapper {

    private final RequestObserver observer;

    Counted(RequestObserver observer, Handler handler) {
        super(handler);
        this.observer = observer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Callback counting = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                observer.answered(RouteClass.of(request), StatusClass.of(response.getStatus()));
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                // Jetty's error page then carries the exception's status, or 500.
                int status = failure instanceof HttpException http ? http.getCode() : 500;
                observer.answered(RouteClass.of(request), StatusClass.of(status));
                super.failed(failure);
            }
        };
        boolean taken;
        try {
            taken = super.handle(request, response, counting);
        } catch (Exception | Error e) {
            observer.answered(RouteClass.of(request), StatusClass.S5XX);
            throw e;
        }
        if (!taken) {
            // Jetty answers 404 itself.
            observer.answered(RouteClass.OTHER, StatusClass.S4XX);
        }
        return taken;
    }
}
