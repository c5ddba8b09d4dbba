package org.godshell.toaster.deliver;

/**
 * The queue runner's lines about what happened to mail, as {@code toaster stats} reads them back. The recipient
 * (an envelope address, written as {@code Mailbox} prints it, quoted where it has spaces) follows the queue id;
 * the text of a diagnosis, which a remote host chose, comes next; the runner's own fields ({@code route=},
 * {@code failed=}) come last, so that a reader takes them from the right, past anything a remote host wrote.
 */
public final class DeliveryLog {

    private DeliveryLog() {
    }

    /**
     * {@code delivery ID: RECIPIENT delivered: DETAIL route=local}, or {@code deferred: STATUS TEXT} or
     * {@code failed: STATUS TEXT} in place of {@code delivered: DETAIL}; {@code route} is {@code local},
     * {@code remote} or {@code unknown}.
     */
    public static String outcomeText(String queueId, String recipient, Outcome outcome, String route) {
        String what = switch (outcome) {
            case Outcome.Delivered d -> "delivered: " + d.detail();
            case Outcome.Deferred d -> "deferred: " + d.why().status() + " " + d.why().text();
            case Outcome.Failed f -> "failed: " + f.why().status() + " " + f.why().text();
        };
        return "delivery " + queueId + ": " + recipient + " " + what + " route=" + route;
    }

    /**
     * {@code delivery ID: NOTICE failed=N}: the bounce queued (or why none was) for the {@code failed} recipients
     * given up on in this attempt, refused by their host or out of time.
     */
    public static String bounceText(String queueId, String notice, int failed) {
        return "delivery " + queueId + ": " + notice + " failed=" + failed;
    }
}
