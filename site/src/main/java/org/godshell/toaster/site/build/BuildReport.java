package org.godshell.toaster.site.build;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;

/**
 * What a build did: the commit, the pages and files made, warnings, broken links, orphans, where the site is,
 * how long it took, and whether it was published (a strict build with broken links is not); then how much work
 * it did: pages rendered from markdown, files written, files kept from the previous build, and its mode
 * ("incremental from COMMIT" or "full: WHY"), and the milliseconds each phase took, in the order they ran.
 */
public record BuildReport(String commit, int pages, int files, List<Warning> warnings, List<Views.Broken> broken,
                          List<Views.Link> orphans, Path site, long millis, boolean published, int rendered,
                          int written, int kept, String mode, Map<String, Long> phases) {

    public BuildReport {
        warnings = List.copyOf(warnings);
        broken = List.copyOf(broken);
        orphans = List.copyOf(orphans);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
}
