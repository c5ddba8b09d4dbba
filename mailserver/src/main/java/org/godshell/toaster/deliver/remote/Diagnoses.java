package org.godshell.toaster.deliver.remote;

import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.smtp.Reply;

/** Turns SMTP replies and connection trouble into {@link Diagnosis} values (RFC 3464 §2.3, RFC 3463). */
final class Diagnoses {

    /** A DSN field is for people; a 100-line reply would swamp the queue's state file and the bounce. */

    private Diagnoses() {
    }

    /**
     * The reply's enhanced status code when it has one, else one derived from the basic code as RFC 3463 §3.1
     * allows with no more detail: class 4 → 4.0.0, 5 → 5.0.0. A 2xx or 3xx where a refusal was the only other
     * possibility is a protocol error: 4.5.0.
     */
    static String status(Reply reply) {
        if (reply.enhanced() != null && reply.code() >= 400) {
            return reply.enhanced();
        }
        return reply.code() >= 500 ? "5.0.0" : "4" + (reply.code() >= 400 ? ".0.0" : ".5.0");
    }

    /** {@code 550 5.1.1 text of line one text of line two}, shortened to {@link Diagnosis#MAX_TEXT}. */
    static String oneLine(Reply reply) {
        StringBuilder out = new StringBuilder().append(reply.code());
        if (reply.enhanced() != null) {
            out.append(' ').append(reply.enhanced());
        }
        for (String line : reply.lines()) {
            if (!line.isEmpty()) {
                out.append(' ').append(line);
            }
        }
        return Diagnosis.clean(out.toString());
    }

    /** What {@code host} said in reply to {@code command}, with the reply's own class (4 or 5). */
    static Diagnosis of(Reply reply, Target host, String command) {
        String line = oneLine(reply);
        return Diagnosis.remote(status(reply), Diagnosis.clean(host.describe() + " said: " + line + " (in reply to "
                + command + ")"), host.name(), line);
    }

    /** A problem with the connection to {@code host}, found here: no reply to quote. */
    static Diagnosis connection(String status, Target host, String what) {
        return Diagnosis.remote(status, Diagnosis.clean(host.describe() + ": " + what), host.name(), "");
    }

    /**
     * {@code host} could not meet the TLS a policy requires: always temporary (4.7.5, RFC 3463 §3.8
     * "cryptographic failure"), so the queue retries and bounces with this reason at the end of its lifetime.
     */
    static Diagnosis required(HostTls.Required policy, Target host, String what) {
        return Diagnosis.remote("4.7.5", Diagnosis.clean(policy.name() + " requires TLS: " + host.describe() + ": "
                + what), host.name(), "");
    }

    /** An exception's message, or its type when it has none, shortened for a diagnosis. */
    static String shortText(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The same diagnosis as a temporary one (4.x.x), for a Deferred made of a refusal we will retry. */
    static Diagnosis temporary(Diagnosis why) {
        return why.permanent() ? new Diagnosis("4" + why.status().substring(1), why.text(), why.remoteMta(),
                why.smtpReply()) : why;
    }

}
