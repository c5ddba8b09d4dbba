package org.godshell.toaster.site.serve;

import java.util.Locale;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Which of the server's routes answered a request, for the metrics' {@code route} label: a fixed set, so no
 * path a client sends ever becomes a label. A route marks the requests it takes ({@link #tag}); what no route
 * took (an HTTP-to-HTTPS redirect, a request Jetty answered itself) is {@link #OTHER}.
 */
public enum RouteClass {
    SITE, GIT, EDITOR, SEARCH, COMMIT, HISTORY, MAILCLIENTS, MTASTS, ACME, OTHER;

    /** The request attribute the route is kept in while the request is answered. */
    static final String ATTRIBUTE = RouteClass.class.getName();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code route}, marking as this class each request it takes. */
    public Handler tag(Handler route) {
        return new Tagged(this, route);
    }

    /** The class of a request being answered: the last route that took it. */
    static RouteClass of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof RouteClass route ? route : OTHER;
    }

    private static final class Tagged extends Handler.Wrapper {

        private final RouteClass route;

        Tagged(RouteClass route, Handler handler) {
            super(handler);
            this.route = route;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            // Set before: the route may finish the request (and the count be taken) before it returns.
            Object before = request.setAttribute(ATTRIBUTE, route);
            boolean taken = super.handle(request, response, callback);
            if (!taken) {
                if (before == null) {
                    request.removeAttribute(ATTRIBUTE);
                } else {
                    request.setAttribute(ATTRIBUTE, before);
                }
            }
            return taken;
        }
    }
}
