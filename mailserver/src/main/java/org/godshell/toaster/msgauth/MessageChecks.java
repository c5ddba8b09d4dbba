package org.godshell.toaster.msgauth;

import java.io.IOException;
import org.godshell.toaster.queue.Intake;

/** The checks smtpd runs on a whole message before its reply to the final dot. */
@FunctionalInterface
public interface MessageChecks {

    /** No checks: every message is accepted as received (tests, tools). */
    MessageChecks NONE = (arrival, intake, size) -> Judgement.UNCHECKED;

    /**
     * Judges the message written to {@code intake} so far ({@link Intake#received()}), {@code size} bytes.
     *
     * @throws IOException when the message cannot be read back (smtpd answers as for a failing queue)
     */
    Judgement judge(Arrival arrival, Intake intake, long size) throws IOException;
}
