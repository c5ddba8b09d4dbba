package org.godshell.toaster.site.git;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617 §2), decoded as UTF-8 (the charset
 * our challenge announces, §2.1). Anything else, an oversized header, bad base64, no colon, an empty user or
 * control characters in the user, is no credentials at all.
 */
public record BasicCredentials(String user, char[] password) {

    static final int MAX_HEADER = 1024;

    public static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER || header.length() < 6
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < chars.length(); i++) {
            if (chars.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return Optional.empty();
        }
        String user = chars.subSequence(0, colon).toString();
        if (user.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.empty();
        }
        char[] password = new char[chars.length() - colon - 1];
        chars.position(colon + 1).get(password);
        return Optional.of(new BasicCredentials(user, password));
    }

    /** Overwrites the password once it has been checked. */
    public void clear() {
        Arrays.fill(password, '\0');
    }
}
