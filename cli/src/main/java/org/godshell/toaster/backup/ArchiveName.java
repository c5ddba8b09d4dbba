package org.godshell.toaster.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive file names: {@code toaster-backup-<UTC yyyyMMdd-HHmmss>[.N]-full|incr.tar.gz[.pgp]}. The names sort by
 * creation time, also as plain text ({@code .N} separates two backups of one second and sorts after the first,
 * as {@code .} comes after {@code -}), say whether the archive needs its chain, and
 * is how an increment names the archive it builds on: the chain is found by these names in one directory.
 *
 * @param stamp     the UTC time, {@code yyyyMMdd-HHmmss}
 * @param sequence  0, or N for the N+1st archive made in the same second
 * @param full      a full backup (else an increment)
 * @param encrypted an OpenPGP message around the tar.gz
 */
public record ArchiveName(String stamp, int sequence, boolean full, boolean encrypted) {

    private static final Pattern NAME = Pattern.compile(
            "toaster-backup-([0-9]{8}-[0-9]{6})(?:\\.([1-9][0-9]{0,3}))?-(full|incr)\\.tar\\.gz(\\.pgp)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** Oldest first. */
    public static final Comparator<ArchiveName> OLDEST_FIRST = Comparator.comparing(ArchiveName::stamp)
            .thenComparingInt(ArchiveName::sequence);

    /** The name of an archive made at {@code time}, the {@code sequence}th of its second. */
    public static ArchiveName of(Instant time, int sequence, boolean full, boolean encrypted) {
        return new ArchiveName(STAMP.format(time), sequence, full, encrypted);
    }

    /** Whether {@code fileName} is an archive's name. */
    public static boolean isArchive(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** The name parsed; {@code IllegalArgumentException} for any other file name. */
    public static ArchiveName parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a backup archive name: " + Escape.encode(fileName));
        }
        return new ArchiveName(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3).equals("full"), m.group(4) != null);
    }

    @Override
    public String toString() {
        return "toaster-backup-" + stamp + (sequence == 0 ? "" : "." + sequence) + (full ? "-full" : "-incr")
                + ".tar.gz" + (encrypted ? ".pgp" : "");
    }
}
