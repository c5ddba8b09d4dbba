package org.godshell.toaster.site.build;

import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;

/**
 * What a build did: the commit, the pages and files made, warnings, broken links, orphans, where the site is,
 * how long it took, and whether it was published (a strict build with broken links is not); then how much work
 * it did: pages rendered from markdown, files written, files kept from the previous build, and its mode
 * ("incremental from COMMIT" or "full: WHY").
 */
public record BuildReport(String commit, int pages, int files, List<Warning> warnings, List<Views.Broken> broken,
                          List<Views.Link> orphans, Path site, long millis, boolean published, int rendered,
                          int written, int kept, String mode) {

    public BuildReport {
        warnings = List.copyOf(warnings);
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
    }
}
