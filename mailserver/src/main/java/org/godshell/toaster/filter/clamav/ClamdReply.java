package org.godshell.toaster.filter.clamav;

import java.nio.charset.StandardCharsets;

/**
 * clamd's reply to {@code zINSTREAM} (clamd(8), "INSTREAM"), without its terminating NUL, as a {@link ScanResult}:
 * {@code stream: OK}, {@code stream: NAME FOUND}, or {@code ... ERROR}, of which only
 * {@code INSTREAM size limit exceeded. ERROR} is a verdict. Anything else is a {@link ClamdException}: a reply
 * this parser does not know must never read as clean.
 */
final class ClamdReply {

    /** A signature name longer than this is cut: ClamAV's names are some tens of characters. */
    static final int MAX_SIGNATURE = 100;
    /** How much of a reply that is not understood is quoted in the reason. */
    static final int MAX_QUOTED = 200;

    private static final String PREFIX = "stream: ";
    private static final String FOUND = " FOUND";
    private static final String ERROR = " ERROR";

    private ClamdReply() {
    }

    static ScanResult parse(byte[] reply) throws ClamdException {
        // Bytes as Latin-1, so that no byte is lost or merged before printable() replaces what is not ASCII.
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        if (text.equals(PREFIX + "OK")) {
            return new ScanResult.Clean();
        }
        if (text.startsWith(PREFIX) && text.endsWith(FOUND)) {
            String name = text.substring(PREFIX.length(), text.length() - FOUND.length()).strip();
            if (name.isEmpty()) {
                throw new ClamdException("clamd said FOUND without a signature name");
            }
            return new ScanResult.Infected(printable(name, MAX_SIGNATURE));
        }
        if (text.endsWith(ERROR)) {
            if (text.contains("size limit exceeded")) {
                return new ScanResult.TooLarge();
            }
            throw new ClamdException("clamd could not scan the message: " + printable(text, MAX_QUOTED));
        }
        throw new ClamdException("clamd's reply is none of INSTREAM's (OK, FOUND, ERROR): \""
                + printable(text, MAX_QUOTED) + "\"");
    }

    /** Printable ASCII only, every other character a {@code ?}, at most {@code max} characters. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
