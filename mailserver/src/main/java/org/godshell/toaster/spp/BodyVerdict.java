package org.godshell.toaster.spp;

import java.util.List;
import java.util.Optional;

/**
 * What the {@code [body]} plugins decided about a whole message: the verdict, as for any hook; the header lines
 * {@code H} added, which the queue stores on top of the message (it was written before they ran); and the note
 * of the {@code Q} that quarantined it, if one did (the message then goes to its recipients' Junk folder when
 * the verdict accepts it).
 */
public record BodyVerdict(HookResult result, List<String> headers, Optional<String> quarantine) {

    public BodyVerdict {
        headers = List.copyOf(headers);
    }
}
