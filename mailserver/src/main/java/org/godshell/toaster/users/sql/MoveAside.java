package org.godshell.toaster.users.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.godshell.toaster.io.AtomicFile;

/**
 * A removed user's or domain's directory kept, not deleted: renamed to {@code .removed-NAME-TIME} beside it, as
 * the file backend does (the same rule as {@code users.Edits}; one copy when the two share a helper).
 */
final class MoveAside {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private MoveAside() {
    }

    /** Renames {@code dir} aside; the leading dot keeps it out of listings. */
    static Path move(Path dir) throws IOException {
        String base = ".removed-" + dir.getFileName() + "-" + STAMP.format(Instant.now());
        Path target = dir.resolveSibling(base);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolveSibling(base + "-" + n);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(dir.getParent());
        return target;
    }
}
