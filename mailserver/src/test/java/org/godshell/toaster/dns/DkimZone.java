package org.godshell.toaster.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dkim.DkimError;
import org.godshell.toaster.dkim.TagList;

/**
 * What a toaster's admin publishes: the DKIM lines of {@code toaster dns}, as they would go into a zone file,
 * put into the fixture DNS unchanged (a value over 255 characters is already cut into strings, RFC 1035
 * §3.3.14).
 */
public final class DkimZone {

    /** {@code NAME. TXT "..." "..."   (state)}, the way DkimRecords prints a key. */
    private static final Pattern DKIM_LINE = Pattern.compile(
            "\\s*(([^\\s.]+)\\._domainkey\\.\\S+\\.)\\s+TXT\\s+((?:\"[^\"]*\"\\s*)+)\\s*\\(\\w+\\)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    /** Longer than any key record: an RSA 4096 key is about 750 characters. */
    private static final int MAX_RECORD = 4096;

    /** One published key: its selector and the TXT record's strings. */
    public record Key(String selector, List<String> strings) {

        /** The record's k= tag, rsa when it has none (RFC 6376 §3.6.1; RFC 8463 adds ed25519). */
        public String keyType() throws DkimError {
            return TagList.parse(String.join("", strings), MAX_RECORD).get("k").orElse("rsa");
        }
    }

    private DkimZone() {
    }

    /** Publishes in {@code dns} every DKIM record in {@code toasterDns} (the output of {@code toaster dns}). */
    public static List<Key> publishDkim(FixtureDns dns, String toasterDns) {
        List<Key> keys = new ArrayList<>();
        for (String line : toasterDns.lines().toList()) {
            Matcher record = DKIM_LINE.matcher(line);
            if (!record.matches()) {
                continue;
            }
            List<String> strings = STRING.matcher(record.group(3)).results().map(string -> string.group(1)).toList();
            dns.txt(record.group(1), strings.toArray(String[]::new));
            keys.add(new Key(record.group(2), strings));
        }
        return keys;
    }
}
