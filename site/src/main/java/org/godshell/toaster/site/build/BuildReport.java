package org.godshell.toaster.site.build;

import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;

/**
 * What a build did: the commit, the pages and files written, pages rendered anew (fewer than pages on an
 * incremental build), warnings, broken links, orphans, where the site is and how long it took.
 */
public record BuildReport(String commit, int pages, int files, int rendered, List<Warning> warnings,
                          List<Views.Broken> broken, List<Views.Link> orphans, Path site, long millis,
                          boolean incremental) {

    public BuildReport {
        warnings = List.copyOf(warnings);
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
    }
}
