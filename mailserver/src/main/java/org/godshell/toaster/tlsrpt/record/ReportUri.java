package org.godshell.toaster.tlsrpt.record;

import java.net.URI;
import java.util.Objects;

/** One {@code rua} destination (RFC 8460 §3): a mailbox (§5.3) or an HTTPS endpoint (§5.4). */
public sealed interface ReportUri {

    /** {@code mailto:ADDRESS}; the address was checked against the RFC 5321 path grammar. */
    record Mailto(String address) implements ReportUri {
        public Mailto {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "mailto:" + address;
        }
    }

    /** {@code https://HOST/PATH}, posted to as it stands. */
    record Https(URI uri) implements ReportUri {
        public Https {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }
}
