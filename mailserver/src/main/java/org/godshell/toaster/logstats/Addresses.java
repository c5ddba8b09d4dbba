package org.godshell.toaster.logstats;

import java.util.ArrayList;
import java.util.List;

/**
 * Envelope addresses as the log writes them ({@code Mailbox.toString}): a local part that is not a dot-string is
 * quoted, with {@code "} and {@code \} escaped (RFC 5321 §4.1.2), and nothing outside quotes is a space, a comma,
 * a quote or a backslash. So quotes alone tell where an address ends, whatever a client put inside them.
 */
final class Addresses {

    private Addresses() {
    }

    /** The addresses of a {@code to=<...>} list, split at the commas outside quotes. */
    static List<String> split(String list) {
        List<String> addresses = new ArrayList<>();
        if (list.isEmpty()) {
            return addresses;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addresses.add(list.substring(start, i));
                start = i + 1;
            }
        }
        addresses.add(list.substring(start));
        return addresses;
    }

    /** Where the address that starts at {@code from} ends: the first space outside quotes, or the end. */
    static int end(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                return i;
            }
        }
        return quoted ? -1 : text.length();
    }

    /**
     * Reading leftwards from {@code last}, the index of the {@code <} that opens a field {@code " key=<"} outside
     * quotes, or -1. A quote is real when an even number of backslashes precedes it (inside quotes {@code \\} and
     * {@code \"} are escapes; outside there are no backslashes).
     */
    static int opening(String text, int last, String key) {
        String marker = " " + key + "=";
        boolean quoted = false;
        for (int i = last; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '"' && evenBackslashesBefore(text, i)) {
                quoted = !quoted;
            } else if (c == '<' && !quoted && text.startsWith(marker, i - marker.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean evenBackslashesBefore(String text, int index) {
        int count = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 0;
    }
}
