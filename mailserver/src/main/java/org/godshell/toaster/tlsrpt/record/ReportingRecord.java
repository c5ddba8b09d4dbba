package org.godshell.toaster.tlsrpt.record;

import java.util.List;

/** A valid TLSRPT record: where reports go, at least one destination, in the order published. */
public record ReportingRecord(List<ReportUri> rua) {

    public ReportingRecord {
        rua = List.copyOf(rua);
        if (rua.isEmpty()) {
            throw new IllegalArgumentException("a TLSRPT record needs an rua");
        }
    }
}
