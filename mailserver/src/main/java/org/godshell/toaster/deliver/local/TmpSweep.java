package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes what interrupted deliveries leave in a Maildir's {@code tmp/}: a partial file (killed while writing)
 * or a second name of a delivered one (killed between the link into {@code new/} and the unlink). Readers never
 * look in {@code tmp/}, so these are only wasted space; maildir(5) lets a file that has not been touched for
 * 36 hours be removed, and qmail and Dovecot do exactly that. No delivery takes 36 hours, so a file in use is
 * never touched, whoever writes it (this runner, Dovecot's LDA, another MTA).
 *
 * <p>Each {@code tmp/} is swept on the first delivery into it and then at most every 8 hours (Dovecot's
 * interval), so a runner that lives for months still cleans up after the crash that preceded its start. A
 * sweep that fails half-way only leaves files for the next one: it never fails a delivery.
 */
final class TmpSweep {

    static final Duration MAX_AGE = Duration.ofHours(36);
    static final Duration INTERVAL = Duration.ofHours(8);

    private final Clock clock;
    private final Map<Path, Instant> lastSweep = new ConcurrentHashMap<>();

    TmpSweep(Clock clock) {
        this.clock = clock;
    }

    /** Sweeps {@code tmp} unless that was done within {@link #INTERVAL}; returns how many files it removed. */
    int sweepIfDue(Path tmp) {
        Instant now = clock.instant();
        Instant last = lastSweep.get(tmp);
        if (last != null && now.isBefore(last.plus(INTERVAL))) {
            return 0;
        }
        boolean ours = last == null ? lastSweep.putIfAbsent(tmp, now) == null : lastSweep.replace(tmp, last, now);
        return ours ? sweep(tmp, now.minus(MAX_AGE)) : 0;
    }

    /** Removes the regular files of {@code tmp} neither modified nor read since {@code cutoff}. */
    private static int sweep(Path tmp, Instant cutoff) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path entry : entries) {
                try {
                    BasicFileAttributes file = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    Instant touched = file.lastModifiedTime().toInstant();
                    if (file.lastAccessTime().toInstant().isAfter(touched)) {
                        touched = file.lastAccessTime().toInstant();
                    }
                    // Directories and symbolic links in tmp/ are not a delivery's leftovers: left alone.
                    if (file.isRegularFile() && touched.isBefore(cutoff) && Files.deleteIfExists(entry)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    continue;                                       // removed meanwhile, by a reader's own sweep
                }
            }
        } catch (IOException e) {
            return removed;                                         // the next sweep, 8 hours on, tries again
        }
        return removed;
    }
}
