package org.godshell.toaster.deliver.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;

/** What one SMTP conversation with one host came to. */
sealed interface Attempt {

    /** The host decided every recipient (delivered, refused, or deferred by its reply): stop here. */
    record Finished(Map<String, Outcome> outcomes) implements Attempt {
        public Finished {
            outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        }
    }

    /**
     * Nothing was delivered and the host did not decide: try the next one. {@code tlsFailed}: the TLS
     * handshake failed, so this host is worth one more try in plain text. {@code offeredSmtputf8}: the host had
     * offered SMTPUTF8 before it failed, so a recipient that needs it may still go there later.
     */
    record TryNext(Diagnosis why, boolean tlsFailed, boolean offeredSmtputf8) implements Attempt {}

    /**
     * The host does not offer SMTPUTF8 (RFC 6531 §3.4): it decided the recipients it could take, and the others,
     * each with the permanent 5.6.7 of this host, go on to the next host. A problem of this host, not of the
     * message: only when no host that answers offers SMTPUTF8 do they fail.
     */
    record PassOn(Map<String, Outcome> decided, Map<String, Diagnosis> needSmtputf8) implements Attempt {
        public PassOn {
            decided = Collections.unmodifiableMap(new LinkedHashMap<>(decided));
            needSmtputf8 = Collections.unmodifiableMap(new LinkedHashMap<>(needSmtputf8));
        }
    }
}
