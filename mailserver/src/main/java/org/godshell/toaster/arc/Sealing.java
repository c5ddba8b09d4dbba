package org.godshell.toaster.arc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What {@link Sealer#seal} gives: our ARC set to put on top of the message, or why there is none. */
public sealed interface Sealing {

    /**
     * The ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results fields, in that order from the top,
     * each with its final CRLF. They may hold UTF-8 (an address in the results of an SMTPUTF8 message), which
     * is how they were sealed.
     *
     * @param instance the instance of the set, N + 1
     */
    record Sealed(int instance, List<String> fields) implements Sealing {
        public Sealed {
            fields = List.copyOf(fields);
        }

        /** The sealed message: {@link #fields} in UTF-8, then {@code message} unchanged. */
        public byte[] prependTo(byte[] message) {
            ByteArrayOutputStream sealed = new ByteArrayOutputStream(message.length + 4096);
            for (String field : fields) {
                sealed.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            }
            sealed.writeBytes(message);
            return sealed.toByteArray();
        }
    }

    /**
     * No set added: the chain already failed before us, it holds 50 sets, our verdict is a temperror or not of
     * this message, or the message or the key cannot be used.
     */
    record Refused(String reason) implements Sealing {
    }
}
