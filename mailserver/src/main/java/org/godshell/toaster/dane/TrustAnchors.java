package org.godshell.toaster.dane;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNSSEC trust anchors validation starts from: the root zone's key-signing keys as IANA publishes them, or the
 * DS and DNSKEY records of {@code control/dnssectrustanchors} (a lab's own signed root, a test's zone).
 *
 * <p>The file holds one record a line in zone-file syntax, {@code NAME [TTL] [IN] DS|DNSKEY RDATA}, the format of
 * Unbound's {@code root.key} and Debian's {@code /usr/share/dns/root.ds}: owner names absolute, {@code #} and
 * {@code ;} comments, no {@code $ORIGIN}, parentheses or other directives. Each record is checked (a DS digest of
 * the length its type gives, a DNSKEY that is a zone key of protocol 3 whose key decodes), and the first bad line
 * is an error with its number, never skipped: a half-read anchor list would silently turn validation off.
 */
public record TrustAnchors(List<Record> records) {

    /**
     * The root KSKs, from IANA's https://data.iana.org/root-anchors/root-anchors.xml (the same digests are in
     * Debian's dns-root-data, {@code /usr/share/dns/root.ds}): KSK-2017 (key tag 20326) and KSK-2024 (38696),
     * algorithm 8, SHA-256. A rollover changes this list in a release; labs replace it with the control file.
     */
    static final List<String> ROOT = List.of(
            ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
            ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16");

    /** At most this many anchors: a file is a handful of keys, never a zone. */
    static final int MAX_RECORDS = 64;
    /** A line longer than this is no DS or DNSKEY (an RSA-4096 key is about 700 characters of base64). */
    static final int MAX_LINE = 4096;

    public TrustAnchors {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor");
        }
    }

    /** The IANA root anchors built in. */
    public static TrustAnchors root() {
        List<ControlFile.Line> lines = new ArrayList<>();
        for (int i = 0; i < ROOT.size(); i++) {
            lines.add(new ControlFile.Line(i + 1, ROOT.get(i)));
        }
        try {
            return parse(Path.of("built-in root anchors"), lines);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in root anchors do not parse", e);
        }
    }

    /** {@code control/dnssectrustanchors}, or the root anchors when the file does not exist. */
    public static TrustAnchors read(Path file) throws ConfigException {
        Optional<List<ControlFile.Line>> lines = ControlFile.list(file);
        return lines.isEmpty() ? root() : parse(file, lines.get());
    }

    /** The lines of an anchor file (as {@link ControlFile#list} gives them); the first bad one is an error. */
    public static TrustAnchors parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        List<Record> records = new ArrayList<>();
        for (ControlFile.Line line : lines) {
            String text = withoutComment(line.text());
            if (text.isEmpty()) {
                continue;
            }
            if (records.size() == MAX_RECORDS) {
                throw new ConfigException(file, line.number(), "more than " + MAX_RECORDS
                        + " trust anchors; list only the keys or DS records of the zones you trust");
            }
            try {
                records.add(anchor(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, line.number(), e.getMessage()
                        + "; write NAME [TTL] [IN] DS|DNSKEY DATA, such as " + ROOT.get(0), e);
            }
        }
        if (records.isEmpty()) {
            throw new ConfigException(file, 0, "lists no trust anchor; add DS or DNSKEY records, or remove the file"
                    + " to use the IANA root anchors");
        }
        return new TrustAnchors(records);
    }

    /** The anchors as zone-file text, one a line, as dnsjava's validator loads them. */
    String zoneText() {
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append(r).append('\n'));
        return text.toString();
    }

    private static String withoutComment(String line) {
        String text = line.strip();
        if (text.startsWith("#")) {
            return "";
        }
        int semicolon = text.indexOf(';');
        return (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
    }

    private static Record anchor(String text) {
        if (text.length() > MAX_LINE) {
            throw new IllegalArgumentException("longer than " + MAX_LINE + " characters");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t')) {
            throw new IllegalArgumentException("control or non-ASCII characters");
        }
        List<String> words = new ArrayList<>(List.of(text.split("[ \t]+")));
        Name owner = owner(words.remove(0));
        long ttl = 0;
        if (!words.isEmpty() && words.get(0).matches("[0-9]{1,10}")) {
            ttl = Long.parseLong(words.remove(0));
        }
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("IN")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no record type");
        }
        int type = switch (words.remove(0).toUpperCase(java.util.Locale.ROOT)) {
            case "DS" -> Type.DS;
            case "DNSKEY" -> Type.DNSKEY;
            default -> throw new IllegalArgumentException("only DS and DNSKEY records are trust anchors");
        };
        if (words.isEmpty() || words.stream().anyMatch(w -> w.contains("(") || w.contains(")"))) {
            throw new IllegalArgumentException("no data, or data in parentheses (write a record on one line)");
        }
        Record record;
        try {
            record = Record.fromString(owner, type, DClass.IN, ttl, String.join(" ", words), Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad " + Type.string(type) + " data: " + e.getMessage(), e);
        }
        return switch (record) {
            case DSRecord ds -> checked(ds);
            case DNSKEYRecord key -> checked(key);
            default -> throw new IllegalStateException("parsed as " + record.getClass().getSimpleName());
        };
    }

    private static Name owner(String word) {
        if (!word.endsWith(".")) {
            throw new IllegalArgumentException("\"" + word + "\" is not an absolute name (end it with a dot)");
        }
        try {
            return Name.fromString(word);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + word + "\" is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** RFC 4509 and RFC 6605 digest lengths: SHA-1 20, SHA-256 32, SHA-384 48 octets. */
    private static DSRecord checked(DSRecord ds) {
        int expected = switch (ds.getDigestID()) {
            case DNSSEC.Digest.SHA1 -> 20;
            case DNSSEC.Digest.SHA256 -> 32;
            case DNSSEC.Digest.SHA384 -> 48;
            default -> throw new IllegalArgumentException("digest type " + ds.getDigestID()
                    + " is not 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)");
        };
        if (ds.getDigest().length != expected) {
            throw new IllegalArgumentException("a digest of type " + ds.getDigestID() + " has " + expected
                    + " octets, not " + ds.getDigest().length);
        }
        return ds;
    }

    /** RFC 4034 §2.1.1 and §2.1.2: a zone key (flag bit 7) of protocol 3, with a key that decodes. */
    private static DNSKEYRecord checked(DNSKEYRecord key) {
        if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0 || key.getProtocol() != DNSKEYRecord.Protocol.DNSSEC) {
            throw new IllegalArgumentException("a DNSKEY anchor is a zone key (flags 256 or 257) of protocol 3");
        }
        try {
            key.getPublicKey();
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalArgumentException("the key does not decode: " + e.getMessage(), e);
        }
        return key;
    }
}
