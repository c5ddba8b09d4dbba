package org.godshell.toaster.mtasts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=20160831085700Z;}. Only its
 * {@code id} matters: a change tells senders to fetch the policy again.
 *
 * @param id 1 to 32 letters and digits
 */
public record StsRecord(String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern EXTENSION = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9_.-]{0,31}=[\\x21-\\x3a\\x3c\\x3e-\\x7e]+");
    /** §3.1: a record must "begin with v=STSv1;". */
    private static final String VERSION = "v=STSv1";
    private static final Pattern BEGINS = Pattern.compile("v=STSv1[ \t]*;.*", Pattern.DOTALL);
    /** A TXT record is at most 64 KiB on the wire; a sane one is short. Refuse anything far longer. */
    private static final int MAX_LENGTH = 4096;

    public StsRecord {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an MTA-STS id: " + id);
        }
    }

    /**
     * The one valid record among the TXT records at {@code _mta-sts.<domain>} (each record's strings already
     * joined). Records that do not begin with {@code v=STSv1} are discarded; when the number of those left is
     * not exactly one, or that one is malformed, the domain has no policy (§3.1).
     */
    public static Optional<StsRecord> select(List<String> records) {
        List<String> candidates = records.stream().filter(r -> BEGINS.matcher(r).matches()).toList();
        return candidates.size() == 1 ? parse(candidates.get(0)) : Optional.empty();
    }

    /** One record, or empty when it does not follow the grammar of §3.1. */
    public static Optional<StsRecord> parse(String record) {
        if (record.length() > MAX_LENGTH || !record.startsWith(VERSION)) {
            return Optional.empty();
        }
        // sts-field-delim = *WSP ";" *WSP; the record may end with one delimiter.
        String[] fields = record.split("[ \t]*;[ \t]*", -1);
        if (!fields[0].equals(VERSION) || fields.length < 2) {
            return Optional.empty();
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i];
            if (field.isEmpty() && i == fields.length - 1) {
                break;
            }
            if (field.startsWith("id=")) {
                String value = field.substring(3);
                if (id != null || !ID.matcher(value).matches()) {
                    return Optional.empty();
                }
                id = value;
            } else if (!EXTENSION.matcher(field).matches()) {
                return Optional.empty();
            }
        }
        return id == null ? Optional.empty() : Optional.of(new StsRecord(id));
    }
}
