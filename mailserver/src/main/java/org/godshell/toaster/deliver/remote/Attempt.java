package org.godshell.toaster.deliver.remote;

import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;

/** What one SMTP conversation with one host came to. */
sealed interface Attempt {

    /** The host decided every recipient (delivered, refused, or deferred by its reply): stop here. */
    record Finished(Map<String, Outcome> outcomes) implements Attempt {
        public Finished {
            outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
        }
    }

    /**
     * Nothing was delivered and the host did not decide: try the next one. {@code tlsFailed}: the TLS
     * handshake failed, so this host is worth one more try in plain text.
     */
    record TryNext(Diagnosis why, boolean tlsFailed) implements Attempt {}
}
