package org.godshell.toaster.tlsrpt.record;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;

/**
 * One {@code tlsrpt-uri} (RFC 8460 §3): {@code mailto:} (RFC 6068) with an address that the RFC 5321 path
 * grammar accepts, or {@code https:} with a host. Header fields of a mailto URI ({@code ?subject=…}) are
 * dropped: the report's headers are fixed by §5.3. An https URI with user information is refused, so a
 * record cannot make the reporter send credentials it names.
 */
final class UriParser {

    sealed interface Result {
        record Good(ReportUri uri) implements Result {}

        record Bad(String why) implements Result {}
    }

    private UriParser() {
    }

    static Result parse(String text) {
        if (text.isEmpty()) {
            return new Result.Bad("an empty URI");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ';' || c == '!') {
                return new Result.Bad("a character a URI here cannot hold in " + RecordParser.printable(text));
            }
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "mailto" -> mailto(text.substring(colon + 1));
            case "https" -> https(text);
            default -> new Result.Bad("neither mailto: nor https: " + RecordParser.printable(text));
        };
    }

    private static Result mailto(String rest) {
        int query = rest.indexOf('?');
        String encoded = query < 0 ? rest : rest.substring(0, query);
        String address = percentDecode(encoded);
        if (address == null) {
            return new Result.Bad("a bad %-escape in mailto:" + RecordParser.printable(encoded));
        }
        try {
            Mailbox mailbox = PathParser.parseRcpt("TO:<" + address + ">", false).recipient();
            if (mailbox.domain().isEmpty()) {
                return new Result.Bad("mailto: without a domain");
            }
            return new Result.Good(new ReportUri.Mailto(mailbox.toString()));
        } catch (PathException e) {
            return new Result.Bad("not a mail address: " + RecordParser.printable(address));
        }
    }

    private static Result https(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return new Result.Bad("not a URI: " + RecordParser.printable(text));
        }
        if (uri.getHost() == null || uri.isOpaque()) {
            return new Result.Bad("an https URI without a host: " + RecordParser.printable(text));
        }
        if (uri.getRawUserInfo() != null) {
            return new Result.Bad("an https URI with user information");
        }
        return new Result.Good(new ReportUri.Https(uri));
    }

    /** RFC 3986 §2.1 decoding to ASCII (an address with other bytes is refused by the path grammar later). */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
