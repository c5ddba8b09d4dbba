package org.godshell.toaster.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What one SPF check gave, with what is needed to say so: the explanation (the comment of a Received-SPF
 * header) and the header itself (RFC 7208 §9.1).
 *
 * @param domain   the domain whose policy was asked (the sender's, or the HELO name)
 * @param identity {@code mailfrom} or {@code helo}, as the header's {@code identity=} key writes it
 * @param problem  for temperror and permerror, what went wrong
 */
public record SpfVerdict(SpfResult result, InetAddress ip, String sender, String helo, String domain,
        String identity, Optional<String> problem) {

    /** One line in the words mail servers commonly use in the Received-SPF comment. */
    public String explanation() {
        String ipText = address();
        String who = "domain of " + sender;
        return clean(switch (result) {
            case PASS -> who + " designates " + ipText + " as permitted sender";
            case FAIL -> who + " does not designate " + ipText + " as permitted sender";
            case SOFTFAIL -> "transitioning " + who + " does not designate " + ipText + " as permitted sender";
            case NEUTRAL -> ipText + " is neither permitted nor denied by " + who;
            case NONE -> domain + " does not publish an SPF record";
            case TEMPERROR, PERMERROR -> "error in processing during lookup of " + domain + ": "
                    + problem.orElse(result.word());
        });
    }

    /**
     * The Received-SPF header field, one line (§9.1): {@code Received-SPF: result (receiver: explanation)
     * client-ip=...; envelope-from=...; helo=...; receiver=...; identity=...;}. Values that are not dot-atoms
     * are quoted, and no control character can get through, so the line is always a valid qmail-spp {@code H}.
     */
    public String receivedSpf(String receiver) {
        String host = clean(receiver);
        return "Received-SPF: " + result.word() + " (" + host + ": " + explanation().replace("(", "[")
                .replace(")", "]") + ") client-ip=" + address() + "; envelope-from=" + value(sender)
                + "; helo=" + value(helo) + "; receiver=" + value(host) + "; identity=" + identity + ";";
    }

    /** The client's address as people write it: IPv6 in RFC 5952's short form, not Java's long one. */
    public String address() {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        String[] groups = ip.getHostAddress().replaceAll("%.*", "").split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }

    private static String value(String text) {
        String clean = clean(text);
        if (clean.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")) {
            return clean;
        }
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String clean(String text) {
        return text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
