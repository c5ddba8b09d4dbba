package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code toaster backup --verify}: an archive and its chain read to the end, nothing written anywhere. */
public final class Verification {

    /** What was checked, and every problem found (empty: the archive is good). */
    public record Report(List<String> archives, int files, List<String> problems) {}

    private Verification() {
    }

    public static Report verify(Path archive, Opener opener, Limits limits) throws IOException {
        Chain chain;
        try {
            chain = Chain.find(archive, opener);
        } catch (CorruptArchiveException e) {
            return new Report(List.of(archive.getFileName().toString()), 0, List.of(e.getMessage()));
        }
        List<String> names = chain.archives().stream().map(p -> p.getFileName().toString()).toList();
        try {
            Chain.Verified verified = chain.verify(opener, limits, i -> ArchiveReader.Sink.DISCARD);
            int files = (int) verified.manifest().entries().stream().filter(Entry.File.class::isInstance).count();
            return new Report(names, files, verified.problems());
        } catch (CorruptArchiveException e) {
            return new Report(names, 0, List.of(e.getMessage()));
        }
    }
}
