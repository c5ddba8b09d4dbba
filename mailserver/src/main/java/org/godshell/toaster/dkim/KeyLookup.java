package org.godshell.toaster.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Fetches key records from {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 §3.6.2) through the toaster's resolver,
 * one message at a time: two signatures with the same selector cost one question. A DNS failure or timeout is a
 * temperror (§6.1.2 TEMPFAIL), never a pass; no such name or no TXT record is a permerror ("no key for
 * signature"); so are several TXT records, which §3.6.2.2 leaves undefined.
 */
public final class KeyLookup {

    private final Dns dns;
    private final Duration timeout;
    private final Map<String, KeyRecord> found = new HashMap<>();
    private final Map<String, DkimError> refused = new HashMap<>();

    public KeyLookup(Dns dns, Duration timeout) {
        this.dns = dns;
        this.timeout = timeout;
    }

    KeyRecord fetch(String selector, String domain) throws DkimError {
        String name = selector + "._domainkey." + domain;
        KeyRecord known = found.get(Text.lower(name));
        if (known != null) {
            return known;
        }
        DkimError failure = refused.get(Text.lower(name));
        if (failure != null) {
            throw failure;
        }
        try {
            KeyRecord key = KeyRecord.parse(text(dns, name, timeout));
            found.put(Text.lower(name), key);
            return key;
        } catch (DkimError e) {
            refused.put(Text.lower(name), e);
            throw e;
        }
    }

    /** The text of the one TXT record at {@code name}: its strings joined with nothing between (§3.6.2.2). */
    static String text(Dns dns, String name, Duration timeout) throws DkimError {
        if (!Dns.valid(name)) {
            throw DkimError.perm(Text.printable(name, 80) + " is not a DNS name");
        }
        return switch (dns.query(name, Type.TXT, timeout)) {
            case Answer.Temporary failure -> throw DkimError.temp("no answer for " + name + ": " + failure.reason());
            case Answer.Empty empty -> throw DkimError.perm("no key for the signature: " + name + (empty.nxdomain()
                    ? " does not exist" : " has no TXT record"));
            case Answer.Data data -> only(name, data.records());
        };
    }

    private static String only(String name, List<Record> records) throws DkimError {
        if (records.size() > 1) {
            throw DkimError.perm(records.size() + " TXT records at " + name + "; a selector has one (§3.6.2.2)");
        }
        if (!(records.getFirst() instanceof TXTRecord txt)) {
            throw DkimError.perm("the answer for " + name + " is not a TXT record");
        }
        StringBuilder text = new StringBuilder();
        for (byte[] string : txt.getStringsAsByteArrays()) {
            text.append(new String(string, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
