package org.godshell.toaster.msgauth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;

/**
 * What to do with a message after its checks: accept it with these header edits into this folder, refuse it
 * ({@code 550}), or ask the client to try later ({@code 451}); and one line for the log.
 *
 * @param action what smtpd answers
 * @param edits  the fields to add and drop when it is accepted
 * @param folder the inbox or Junk, when it is accepted
 * @param why    for a refusal or a deferral, the reply's text after the enhanced code (printable ASCII)
 * @param log    the verdicts for the log, e.g. {@code dkim=pass:example.org spf=pass dmarc=pass}
 * @param verdicts the checks' results for the [body] plugins: present for mail from outside, which is checked;
 *                 empty for our own users' mail, which is signed instead
 */
public record Judgement(Action action, HeaderEdits edits, Folder folder, String why, String log,
        Optional<Verdicts> verdicts) {

    /** What smtpd answers after the final dot. */
    public enum Action { ACCEPT, REFUSE, DEFER }

    /** Nothing checked, nothing changed: what a message gets where there are no checks. */
    public static final Judgement UNCHECKED = accept(HeaderEdits.NONE, Folder.INBOX, "");

    public Judgement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(edits, "edits");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(verdicts, "verdicts");
    }

    /** This judgement, with the verdicts it was reached from. */
    Judgement withVerdicts(Verdicts found) {
        return new Judgement(action, edits, folder, why, log, Optional.of(found));
    }

    /** Fields as signers write them, each ended by CRLF, as the queue takes them: without it (it adds its own). */
    static List<String> withoutCrlf(List<String> fields) {
        return fields.stream().map(field -> field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field)
                .toList();
    }

    public static Judgement accept(HeaderEdits edits, Folder folder, String log) {
        return new Judgement(Action.ACCEPT, edits, folder, "", log, Optional.empty());
    }

    public static Judgement refuse(String why, String log) {
        return new Judgement(Action.REFUSE, HeaderEdits.NONE, Folder.INBOX, why, log, Optional.empty());
    }

    public static Judgement defer(String why, String log) {
        return new Judgement(Action.DEFER, HeaderEdits.NONE, Folder.INBOX, why, log, Optional.empty());
    }
}
