package org.godshell.toaster.site.source;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One regular file of the tree at the built commit. {@code content} is empty when the file is over its size limit
 * (the build says so rather than reading it).
 */
public record SourceFile(String path, ObjectId blob, long size, Optional<byte[]> content) {

    public boolean isMarkdown() {
        return path.endsWith(".md");
    }

    /** The folder holding the file, "" at the top. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
