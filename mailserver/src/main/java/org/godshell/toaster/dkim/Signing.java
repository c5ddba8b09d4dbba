package org.godshell.toaster.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What {@link Signer#sign} gives: the signature fields to put on top of the message, or why there are none. */
public sealed interface Signing {

    /**
     * The DKIM-Signature fields, each with its final CRLF, in the order of the keys; they go above the message
     * as it was signed, in this order (a later hop may add fields above them, never between or below).
     */
    record Signed(List<String> fields) implements Signing {
        public Signed {
            fields = List.copyOf(fields);
        }

        /** The signed message: {@link #fields} followed by {@code message} unchanged. */
        public byte[] prependTo(byte[] message) {
            byte[] header = String.join("", fields).getBytes(StandardCharsets.US_ASCII);
            byte[] signed = new byte[header.length + message.length];
            System.arraycopy(header, 0, signed, 0, header.length);
            System.arraycopy(message, 0, signed, header.length, message.length);
            return signed;
        }
    }

    /** The message cannot be signed as it is (no From, two From, a malformed header section, a key failure). */
    record Refused(String reason) implements Signing {
    }
}
