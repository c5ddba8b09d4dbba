package org.godshell.toaster.site.source;

import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** The wiki's files at one commit, sorted by path, and what was skipped on the way. */
public record Snapshot(ObjectId commit, List<SourceFile> files, List<Warning> warnings) {

    public Snapshot {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
