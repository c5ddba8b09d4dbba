package org.godshell.toaster.msgauth;

import org.godshell.toaster.config.DmarcPolicy;
import org.godshell.toaster.dmarc.DmarcVerdict;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;

/**
 * What a DMARC verdict does to a message, as {@code control/dmarcpolicy} says. A fail follows the disposition
 * DMARC worked out (the record's {@code p=} or {@code sp=} after {@code pct=}): reject is refused with
 * {@code 550 5.7.1} ({@code enforce}) or filed in Junk ({@code junk}), quarantine is filed in Junk; a
 * temperror is {@code 451} (a DNS failure is never a pass); {@code record} only writes the verdict down.
 */
final class Enforcement {

    private Enforcement() {
    }

    static Judgement apply(DmarcPolicy policy, DmarcVerdict verdict, HeaderEdits edits, String log) {
        if (policy == DmarcPolicy.RECORD) {
            return Judgement.accept(edits, Folder.INBOX, log);
        }
        String author = verdict.author().orElse("the From domain");
        return switch (verdict.result()) {
            case TEMPERROR -> Judgement.defer("4.7.5 DMARC check of " + author + " failed for now, try again later: "
                    + verdict.reason(), log);
            case FAIL, PERMERROR -> switch (verdict.disposition()) {
                case REJECT -> policy == DmarcPolicy.ENFORCE
                        ? Judgement.refuse("5.7.1 rejected by the DMARC policy of " + author + ": "
                                + verdict.reason(), log)
                        : Judgement.accept(edits, Folder.JUNK, log);
                case QUARANTINE -> Judgement.accept(edits, Folder.JUNK, log);
                case NONE -> Judgement.accept(edits, Folder.INBOX, log);
            };
            case PASS, NONE -> Judgement.accept(edits, Folder.INBOX, log);
        };
    }
}
