package org.godshell.toaster.site.build;

import java.nio.file.Path;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.source.Limits;

/**
 * One build's inputs: the repository, the ref to build, the symlink to publish at, site settings, limits, and
 * {@code strict}: a site with broken wiki links is then not published; {@code full}: build everything again
 * even when the previous build's index would allow an incremental build; {@code progress}: told of each phase
 * and step (a progress bar); {@code staticExport}: write each commit's page, {@code _commit/ID.html}, and each
 * page's history page, {@code _history/PATH.html}, for a site published by another web server (a static export):
 * {@code toaster wiki serve} renders them on request.
 */
public record BuildOptions(Path repository, String ref, Path out, SiteConfig site, Limits limits, boolean strict,
                           boolean full, BuildProgress progress, boolean staticExport) {

    public static BuildOptions of(Path repository, String ref, Path out) {
        return new BuildOptions(repository, ref, out, SiteConfig.DEFAULT, Limits.DEFAULT, false, false,
                BuildProgress.SILENT, false);
    }

    public BuildOptions staticExport(boolean staticExport) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }

    /** The same options building another ref (or commit). */
    public BuildOptions ref(String ref) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }

    public BuildOptions strict(boolean strict) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }

    public BuildOptions site(SiteConfig site) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }

    public BuildOptions progress(BuildProgress progress) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }

    public BuildOptions full(boolean full) {
        return new BuildOptions(repository, ref, out, site, limits, strict, full, progress, staticExport);
    }
}
