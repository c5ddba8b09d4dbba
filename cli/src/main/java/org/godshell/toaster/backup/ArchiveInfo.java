package org.godshell.toaster.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first member of an archive ({@value MemberName#INFO}): what a reader needs before the rest, to find the
 * chain. {@code key value} lines: {@code toaster-backup 1} (the format), {@code kind full|incr}, {@code created}
 * (ISO-8601 UTC), {@code host}, and for an increment {@code base} (the archive it builds on, by name),
 * {@code base-manifest-sha256} (so a base replaced by another archive of the same name is noticed) and
 * {@code increments} (how many increments since the full one, itself included).
 */
public record ArchiveInfo(boolean full, Instant created, String host, Optional<Base> base, int increments) {

    public static final int FORMAT = 1;
    static final int MAX_BYTES = 4096;

    /** The archive an increment builds on, and the SHA-256 of that archive's manifest member. */
    public record Base(String name, String manifestSha256) {}

    public ArchiveInfo {
        if (full != base.isEmpty() || full != (increments == 0)) {
            throw new IllegalArgumentException("a full backup has no base and no increments, an increment both");
        }
    }

    byte[] encode() {
        StringBuilder text = new StringBuilder("toaster-backup " + FORMAT + "\n")
                .append("kind ").append(full ? "full" : "incr").append('\n')
                .append("created ").append(created).append('\n')
                .append("host ").append(Escape.encode(host)).append('\n');
        base.ifPresent(b -> text.append("base ").append(b.name()).append('\n')
                .append("base-manifest-sha256 ").append(b.manifestSha256()).append('\n')
                .append("increments ").append(increments).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The member's bytes back; {@code IllegalArgumentException} for anything but what {@link #encode} writes. */
    static ArchiveInfo parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("info member over " + MAX_BYTES + " bytes");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0 || values.putIfAbsent(line.substring(0, space), line.substring(space + 1)) != null) {
                throw new IllegalArgumentException("bad or repeated info line: " + Escape.encode(line));
            }
        }
        if (!String.valueOf(FORMAT).equals(values.remove("toaster-backup"))) {
            throw new IllegalArgumentException("not a toaster backup of format " + FORMAT);
        }
        String kind = values.remove("kind");
        if (!"full".equals(kind) && !"incr".equals(kind)) {
            throw new IllegalArgumentException("bad kind: " + kind);
        }
        boolean full = kind.equals("full");
        Instant created;
        try {
            created = Instant.parse(String.valueOf(values.remove("created")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad creation time", e);
        }
        String host = Escape.decode(String.valueOf(values.remove("host")));
        Optional<Base> base = Optional.empty();
        int increments = 0;
        if (!full) {
            String name = String.valueOf(values.remove("base"));
            String sha = String.valueOf(values.remove("base-manifest-sha256"));
            String count = String.valueOf(values.remove("increments"));
            if (!ArchiveName.isArchive(name) || !Entry.SHA256.matcher(sha).matches() || !count.matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("an increment needs base, base-manifest-sha256 and increments");
            }
            base = Optional.of(new Base(name, sha));
            increments = Integer.parseInt(count);
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown info lines: " + values.keySet());
        }
        return new ArchiveInfo(full, created, host, base, increments);
    }
}
