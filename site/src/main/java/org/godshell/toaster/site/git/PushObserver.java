package org.godshell.toaster.site.git;

import java.util.Locale;

/**
 * Told what became of each push and each save from the browser's editor, for the wiki server's metrics. It gets
 * enums only: never the account, the client's address, a ref or a path. {@link #NONE} counts nothing.
 */
public interface PushObserver {

    PushObserver NONE = new PushObserver() {
        @Override
        public void pushed(Push push) {
        }

        @Override
        public void saved(Save save) {
        }
    };

    /**
     * A push: ACCEPTED when main moved; otherwise refused, by AUTH (a wrong password, a throttled address, an
     * account that is no editor: credentials that were sent and not good enough, counted per request that
     * carried them; git's first request, which carries none and gets the challenge, is not a push refused, nor is
     * one whose credentials cannot be read), CHECKS (the path rules, strict links), LIMITS
     * (sizes: the pack, an object, the unpacked push, the repository) or OTHER (plain HTTP off loopback, a
     * non-fast-forward, an invalid pack, the editor list unreadable).
     */
    enum Push {
        ACCEPTED, AUTH, CHECKS, LIMITS, OTHER;

        public boolean accepted() {
            return this == ACCEPTED;
        }

        /** The {@code reason} label: {@code none} for an accepted push. */
        public String reason() {
            return accepted() ? "none" : name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A save from the browser: SAVED (main moved), REFUSED (a push's checks said no), CONFLICT (main moved since
     * the editor opened the page), FAILED (the repository could not be read or written).
     */
    enum Save {
        SAVED, REFUSED, CONFLICT, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void pushed(Push push);

    void saved(Save save);
}
