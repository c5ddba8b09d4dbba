package org.godshell.toaster.tlsrpt.record;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text of one {@code _smtp._tls} TXT record (RFC 8460 §3):
 *
 * <pre>
 * tlsrpt-record    = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 * field-delim      = *WSP ";" *WSP
 * tlsrpt-version   = %s"v=TLSRPTv1"
 * tlsrpt-rua       = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 * tlsrpt-extension = tlsrpt-ext-name "=" tlsrpt-ext-value
 * </pre>
 *
 * Unknown fields that follow the extension grammar are ignored, as §3 requires of a parser of a later version's
 * superset; anything else outside the grammar makes the record invalid, as does a second {@code rua}, a URI
 * that is neither {@code mailto:} nor {@code https:}, or more than {@link #MAX_URIS} destinations (one day's
 * report would otherwise go to as many places as a hostile record asks).
 */
public final class RecordParser {

    /** Far more than any real record: a longer text is not read at all. */
    public static final int MAX_LENGTH = 2048;

    public static final int MAX_URIS = 5;

    private static final String VERSION = "v=TLSRPTv1";
    private static final Pattern EXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern EXT_VALUE = Pattern.compile("[\\x21-\\x3a\\x3c\\x3e-\\x7e]+");

    private RecordParser() {
    }

    /** Whether {@code text} claims to be a TLSRPT record: the ones §3 keeps before counting them. */
    public static boolean isTlsrpt(String text) {
        return text.startsWith(VERSION) && text.substring(VERSION.length()).stripLeading().startsWith(";");
    }

    public static Parsed parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return new Parsed.Invalid("longer than " + MAX_LENGTH + " characters");
        }
        if (!isTlsrpt(text)) {
            return new Parsed.Invalid("does not start with " + VERSION + ";");
        }
        String[] fields = text.substring(VERSION.length()).split(";", -1);
        List<ReportUri> rua = null;
        // fields[0] is the blanks between the version and the first ";".
        for (int i = 1; i < fields.length; i++) {
            String field = trimWsp(fields[i]);
            if (field.isEmpty()) {
                if (i == fields.length - 1 && i > 1) {
                    break;                                      // the optional final field-delim
                }
                return new Parsed.Invalid("an empty field");
            }
            int equals = field.indexOf('=');
            if (equals < 0) {
                return new Parsed.Invalid("a field without '=': " + printable(field));
            }
            String name = field.substring(0, equals);
            String value = field.substring(equals + 1);
            if (name.equals("rua")) {
                if (rua != null) {
                    return new Parsed.Invalid("rua given twice");
                }
                Parsed.Invalid bad = null;
                rua = new ArrayList<>();
                for (String uri : value.split(",", -1)) {
                    switch (UriParser.parse(trimWsp(uri))) {
                        case UriParser.Result.Good good -> rua.add(good.uri());
                        case UriParser.Result.Bad b -> bad = new Parsed.Invalid("rua: " + b.why());
                    }
                    if (bad != null) {
                        return bad;
                    }
                }
                if (rua.size() > MAX_URIS) {
                    return new Parsed.Invalid("rua names " + rua.size() + " destinations; at most " + MAX_URIS
                            + " are used");
                }
            } else if (!EXT_NAME.matcher(name).matches() || !EXT_VALUE.matcher(value).matches()) {
                return new Parsed.Invalid("a field that is not name=value: " + printable(field));
            }
        }
        if (rua == null) {
            return new Parsed.Invalid("no rua");
        }
        return new Parsed.Valid(new ReportingRecord(rua));
    }

    /** WSP is space and tab only (RFC 5234 Appendix B.1), not the wider set {@link String#strip} removes. */
    private static String trimWsp(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** A hostile record's text as it may appear in a log line: printable ASCII, at most 80 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 80; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
