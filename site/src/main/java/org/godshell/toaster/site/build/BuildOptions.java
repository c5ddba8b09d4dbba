package org.godshell.toaster.site.build;

import java.nio.file.Path;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.source.Limits;

/** One build's inputs: the repository, the ref to build, the symlink to publish at, site settings and limits. */
public record BuildOptions(Path repository, String ref, Path out, SiteConfig site, Limits limits) {

    public static BuildOptions of(Path repository, String ref, Path out) {
        return new BuildOptions(repository, ref, out, SiteConfig.DEFAULT, Limits.DEFAULT);
    }
}
