package org.godshell.toaster.site.history;

import java.time.Instant;

/**
 * One commit's change to one page. {@code path} is the page's name in that commit, {@code oldPath} its name before
 * a rename (else equal to {@code path}). Author e-mail addresses are not kept: the site is public.
 */
public record Change(String commit, String author, Instant time, String subject, Kind kind, String path,
                     String oldPath) {

    /** What the commit did to the page. */
    public enum Kind { CREATED, EDITED, RENAMED, DELETED }

    public String shortCommit() {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
