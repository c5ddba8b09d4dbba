package org.godshell.toaster.authres;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes our Authentication-Results header field (RFC 8601): the authserv-id (our host name), then each
 * method's result on a line of its own, folded where a line would pass {@link #WIDTH} characters:
 *
 * <pre>
 * Authentication-Results: mx.example.org;
 *         spf=pass smtp.mailfrom=alice@example.com;
 *         dkim=pass header.d=example.com header.s=2025a header.b=AbCdEf12;
 *         dmarc=pass (p=reject dis=none) header.from=example.com
 * </pre>
 *
 * Values the client chose (the sender, a signature's domain) are written as tokens, addresses or
 * quoted-strings and stripped of control characters ({@link Values}), so the field is always one header field
 * whatever they hold. Our own field is trusted only because {@link ForgedResults} removes every incoming one
 * that claims our authserv-id (RFC 8601 §5).
 */
public final class AuthenticationResults {

    public static final String NAME = "Authentication-Results";
    public static final String ARC_NAME = "ARC-Authentication-Results";
    /** RFC 5322 §2.1.1: lines SHOULD stay within 78 characters. */
    static final int WIDTH = 78;

    private AuthenticationResults() {
    }

    /**
     * The whole field, folded with CRLF and a tab, ending with CRLF; {@code authserv-id; none} when there is
     * no result (RFC 8601 §2.2 no-result).
     */
    public static String field(String authservId, List<MethodResult> results) {
        return field(NAME + ": ", authservId, results);
    }

    /**
     * The same results as an ARC-Authentication-Results field of instance {@code instance}: {@code i=N;} before
     * the authserv-id, the rest as in {@link #field} (RFC 8617 §4.1.1), so a seal carries what we recorded.
     */
    public static String arcField(int instance, String authservId, List<MethodResult> results) {
        if (instance < 1 || instance > 50) {
            throw new IllegalArgumentException("ARC instance " + instance + " outside 1..50 (RFC 8617 §4.2.1)");
        }
        return field(ARC_NAME + ": i=" + instance + "; ", authservId, results);
    }

    private static String field(String lead, String authservId, List<MethodResult> results) {
        StringBuilder field = new StringBuilder(lead).append(Values.value(authservId)).append(';');
        if (results.isEmpty()) {
            return field.append(" none\r\n").toString();
        }
        for (int i = 0; i < results.size(); i++) {
            field.append("\r\n\t");
            fold(field, parts(results.get(i)));
            if (i < results.size() - 1) {
                field.append(';');
            }
        }
        return field.append("\r\n").toString();
    }

    /** The words of one resinfo, each of which may start a new line. */
    private static List<String> parts(MethodResult result) {
        List<String> parts = new ArrayList<>();
        parts.add(result.method() + "=" + result.result());
        result.reason().ifPresent(reason -> parts.add("reason=" + Values.value(reason)));
        result.comment().ifPresent(comment -> parts.add(Values.comment(comment)));
        for (MethodResult.Property property : result.properties()) {
            parts.add(property.type() + "." + property.name() + "=" + Values.propertyValue(property.value()));
        }
        return parts;
    }

    /** Appends the parts separated by spaces, starting a new (tab-indented) line before one that would not fit. */
    private static void fold(StringBuilder field, List<String> parts) {
        int column = 8;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i > 0) {
                if (column + 1 + part.length() > WIDTH) {
                    field.append("\r\n\t");
                    column = 8;
                } else {
                    field.append(' ');
                    column++;
                }
            }
            field.append(part);
            column += part.length();
        }
    }
}
