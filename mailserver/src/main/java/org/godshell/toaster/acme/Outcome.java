package org.godshell.toaster.acme;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** What one renewal check did, with the one log line {@code toaster wiki serve} writes for it. */
public sealed interface Outcome {

    String line();

    /** A new certificate is in place. */
    record Renewed(List<String> names, Instant notAfter) implements Outcome {
        public Renewed {
            names = List.copyOf(names);
        }

        @Override
        public String line() {
            return "acme: renewed " + String.join(", ", names) + ", expires " + day(notAfter);
        }
    }

    /** Nothing to do before {@code until}. */
    record NotDue(Instant until, String why) implements Outcome {
        @Override
        public String line() {
            return "acme: nothing to do: " + why;
        }
    }

    /** The attempt failed; the next is not before {@code nextTry}. */
    record Failed(AcmeException error, Instant nextTry) implements Outcome {
        @Override
        public String line() {
            return "acme: renewal failed: " + error.getMessage() + "; next try " + nextTry;
        }
    }

    /** ACME is not set up here, or has not issued anything yet. */
    record NotSetUp(String why) implements Outcome {
        @Override
        public String line() {
            return "acme: " + why;
        }
    }

    private static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
