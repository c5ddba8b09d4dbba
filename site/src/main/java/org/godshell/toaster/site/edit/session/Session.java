package org.godshell.toaster.site.edit.session;

import java.time.Instant;

/**
 * One logged-in editor: the cookie's {@code id}, the {@code account} that logged in, the {@code csrf} token its
 * forms carry, and when it began (the absolute expiry counts from there).
 */
public record Session(String id, String account, String csrf, Instant created) {

    @Override
    public String toString() {
        return "Session[" + account + "]";                              // never the id or token in a log line
    }
}
