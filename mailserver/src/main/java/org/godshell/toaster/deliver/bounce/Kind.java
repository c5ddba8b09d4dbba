package org.godshell.toaster.deliver.bounce;

/** The two notices: a bounce for recipients that failed for good, a warning for recipients still being tried. */
enum Kind {
    FAILED("failed", "Undelivered Mail Returned to Sender"),
    DELAYED("delayed", "Delayed Mail (still being retried)");

    /** The RFC 3464 §2.3.3 Action value. */
    final String action;
    final String subject;

    Kind(String action, String subject) {
        this.action = action;
        this.subject = subject;
    }
}
