package org.godshell.toaster.authres;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a delivered message (Maildir files have LF line endings) as tests read them: unfolded
 * (RFC 5322 §2.2.3), and split into the parts the assertions name.
 */
public final class DeliveredFields {

    private DeliveredFields() {
    }

    /** The values of every field called {@code name}, in order, unfolded. */
    public static List<String> values(String message, String name) {
        String header = message.split("\r?\n\r?\n", 2)[0].replaceAll("\r?\n(?=[ \t])", "");
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return header.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).toList();
    }

    /**
     * The resinfo parts of the Authentication-Results field of {@code authservId} (RFC 8601 §2.2), such as
     * {@code dkim=pass header.d=example.org header.s=s1 header.b=AbCd}; fails unless there is exactly one.
     */
    public static List<String> results(String message, String authservId) {
        List<List<String>> fields = values(message, "Authentication-Results").stream()
                .map(value -> Arrays.stream(value.split(";")).map(part -> part.strip().replaceAll("\\s+", " "))
                        .toList())
                .filter(parts -> parts.getFirst().equals(authservId)).toList();
        if (fields.size() != 1) {
            throw new AssertionError(fields.size() + " Authentication-Results fields of " + authservId + " in:\n"
                    + message);
        }
        return fields.getFirst().subList(1, fields.getFirst().size());
    }

    /** The result of {@code method} in {@code results} ("none" when it has none), the first where there are more. */
    public static String result(List<String> results, String method) {
        return results.stream().filter(part -> part.startsWith(method + "="))
                .map(part -> part.substring(method.length() + 1).split(" ")[0]).findFirst().orElse("none");
    }
}
