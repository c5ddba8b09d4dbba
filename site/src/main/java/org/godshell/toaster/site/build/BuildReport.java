package org.godshell.toaster.site.build;

import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;

/**
 * What a build did: the commit, the pages and files made, warnings, broken links, orphans, where the site is,
 * how long it took, and whether it was published (a strict build with broken links is not).
 */
public record BuildReport(String commit, int pages, int files, List<Warning> warnings, List<Views.Broken> broken,
                          List<Views.Link> orphans, Path site, long millis, boolean published) {

    public BuildReport {
        warnings = List.copyOf(warnings);
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
    }
}
