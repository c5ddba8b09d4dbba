package org.godshell.toaster.msgauth;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.authres.AuthenticationResults;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;

/** A message over the memory budget: accepted as it is, with the reason written where readers look for it. */
final class Unchecked {

    private Unchecked() {
    }

    static Judgement tooBig(String me, Arrival arrival, long size) {
        String log = "checks: none, the message's " + size + " bytes are over the memory budget";
        if (arrival.trusted()) {
            return Judgement.accept(HeaderEdits.NONE, Folder.INBOX, "dkim=unsigned (" + log + ")");
        }
        String field = AuthenticationResults.field(me, List.of(new MethodResult("dkim", "none",
                Optional.of("message too big to verify"), Optional.empty(), List.of())));
        return Judgement.accept(HeaderEdits.add(field.substring(0, field.length() - 2)), Folder.INBOX, log)
                .withVerdicts(new Verdicts(Optional.empty(), "none", Optional.empty(), Optional.empty(),
                        Optional.empty(), Verdicts.unfolded(field)));
    }
}
