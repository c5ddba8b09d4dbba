package org.godshell.toaster.site.serve;

/**
 * Told of each answered request, by route and status class only (never its path, host, headers or client), for
 * the wiki server's metrics. {@link #NONE} counts nothing.
 */
public interface RequestObserver {

    RequestObserver NONE = (route, status) -> {
    };

    void answered(RouteClass route, StatusClass status);
}
