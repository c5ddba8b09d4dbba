package org.godshell.toaster.metrics;

/** The endpoint's settings would expose the metrics; the daemon refuses to start and prints the message. */
public final class EndpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public EndpointException(String message) {
        super(message);
    }
}
