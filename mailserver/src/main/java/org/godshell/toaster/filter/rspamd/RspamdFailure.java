package org.godshell.toaster.filter.rspamd;

/**
 * Why rspamd gave no usable verdict: it could not be reached, did not answer in time, answered with another
 * status than 200, or answered what is not a verdict. The caller fails closed (451) or, when the admin chose,
 * goes on without the check; it never reads this as an acceptance.
 */
public final class RspamdFailure extends Exception {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public RspamdFailure(String reason) {
        super(reason);
    }
}
