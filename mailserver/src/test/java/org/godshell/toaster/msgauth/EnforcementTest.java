package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.godshell.toaster.config.DmarcPolicy;
import org.godshell.toaster.dmarc.DmarcResult;
import org.godshell.toaster.dmarc.DmarcVerdict;
import org.godshell.toaster.dmarc.Policy;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every DMARC result and disposition under every control/dmarcpolicy, as the wiki's table promises. */
class EnforcementTest {

    @ParameterizedTest
    @CsvSource({
        "ENFORCE, PASS,      NONE,       ACCEPT, INBOX",
        "ENFORCE, NONE,      NONE,       ACCEPT, INBOX",
        "ENFORCE, FAIL,      NONE,       ACCEPT, INBOX",
        "ENFORCE, FAIL,      QUARANTINE, ACCEPT, JUNK",
        "ENFORCE, FAIL,      REJECT,     REFUSE, INBOX",
        "ENFORCE, PERMERROR, REJECT,     REFUSE, INBOX",
        "ENFORCE, PERMERROR, NONE,       ACCEPT, INBOX",
        "ENFORCE, TEMPERROR, NONE,       DEFER,  INBOX",
        "JUNK,    FAIL,      REJECT,     ACCEPT, JUNK",
        "JUNK,    FAIL,      QUARANTINE, ACCEPT, JUNK",
        "JUNK,    TEMPERROR, NONE,       DEFER,  INBOX",
        "JUNK,    PASS,      NONE,       ACCEPT, INBOX",
        "RECORD,  FAIL,      REJECT,     ACCEPT, INBOX",
        "RECORD,  FAIL,      QUARANTINE, ACCEPT, INBOX",
        "RECORD,  TEMPERROR, NONE,       ACCEPT, INBOX"})
    void whatAVerdictDoes(DmarcPolicy policy, DmarcResult result, Policy disposition, Judgement.Action action,
            Folder folder) {
        DmarcVerdict verdict = new DmarcVerdict(result, disposition, Optional.of("example.org"), Optional.empty(),
                Optional.empty(), "why");
        Judgement judgement = Enforcement.apply(policy, verdict, HeaderEdits.add("X-A: 1"), "log");
        assertEquals(action, judgement.action());
        assertEquals(folder, judgement.folder());
        if (action == Judgement.Action.ACCEPT) {
            assertEquals(HeaderEdits.add("X-A: 1"), judgement.edits());
        } else {
            assertEquals(action == Judgement.Action.REFUSE ? "5.7.1" : "4.7.5", judgement.why().split(" ")[0]);
        }
    }
}
