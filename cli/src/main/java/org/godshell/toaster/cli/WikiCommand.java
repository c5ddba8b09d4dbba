package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster wiki build}: the wiki generator of the site module, run once on a repository. */
@Command(name = "wiki", mixinStandardHelpOptions = true, description = "The wiki: init, build, serve.",
        subcommands = {WikiInitCommand.class, WikiCommand.Build.class, WikiServeCommand.class})
final class WikiCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Render the wiki repository REPO (bare or not; only committed content is read) at REF "
                    + "into a site published at OUT, a symlink swapped atomically to each new build.")
    static final class Build implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--repo", required = true, paramLabel = "REPO", description = "The wiki's git repository.")
        private Path repository;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "Where the site appears: a symlink to OUT.builds/<n>-<commit>.")
        private Path out;

        @Option(names = "--ref", defaultValue = "main", paramLabel = "REF",
                description = "Branch, tag or commit to build (default: ${DEFAULT-VALUE}).")
        private String ref;

        @Option(names = "--strict", description = "Fail, and publish nothing, when a wiki link is broken.")
        private boolean strict;

        @Option(names = "--full", description = "Render every page again, even when the previous build's index "
                + "allows an incremental build (which gives the same bytes).")
        private boolean full;

        @Option(names = {"--static", "--commit-pages"}, description = "Write each commit's page (_commit/ID.html) "
                + "and each page's history (_history/PATH.html) into the site, for publishing it with another web "
                + "server; toaster wiki serve renders them on request.")
        private boolean staticExport;

        @Option(names = "--site-url", paramLabel = "URL", description = "The URL the site is served at, for the "
                + "feed and sitemap (default: " + "https://wiki.example.invalid/).")
        private String siteUrl;

        @Option(names = "--clone-url", paramLabel = "URL",
                description = "The URL shown in \"improve this page\" (default: SITE-URL/wiki.git).")
        private String cloneUrl;

        @Option(names = "--title", paramLabel = "TEXT", description = "The site's name (default: Toaster wiki).")
        private String title;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SiteConfig site;
            try {
                String url = siteUrl != null ? siteUrl : SiteConfig.DEFAULT.siteUrl();
                site = new SiteConfig(title != null ? title : SiteConfig.DEFAULT.title(), url,
                        cloneUrl != null ? cloneUrl : (url.endsWith("/") ? url : url + "/") + "wiki.git");
            } catch (IllegalArgumentException e) {
                return fail(spec, e.getMessage());
            }
            BuildReport report;
            BuildOptions options = BuildOptions.of(repository, ref, this.out).site(site).strict(strict).full(full)
                    .staticExport(staticExport);
            // A bar only on a terminal: bin/toaster's -Djdk.console=java.base gives no console when piped.
            try (BuildProgressBar bar = System.console() != null ? new BuildProgressBar(err) : null) {
                report = WikiBuilder.build(bar != null ? options.progress(bar) : options);
            } catch (IOException e) {
                return fail(spec, "wiki build: " + e.getMessage());
            }
            report.warnings().forEach(warning -> err.println("warning: " + warning));
            for (Views.Broken broken : report.broken()) {
                err.println("broken link: " + broken.page().title() + " → " + broken.target());
            }
            err.flush();
            out.printf("%d pages, %d files from commit %s in %d ms%n", report.pages(), report.files(),
                    report.commit().substring(0, 12), report.millis());
            out.printf("%s: %d pages rendered, %d files written, %d kept from the previous build%n", report.mode(),
                    report.rendered(), report.written(), report.kept());
            out.printf("%d warnings, %d broken links, %d orphan pages%n", report.warnings().size(),
                    report.broken().size(), report.orphans().size());
            out.println("time: " + report.phases().entrySet().stream()
                    .map(phase -> phase.getKey() + " " + phase.getValue() + " ms")
                    .collect(Collectors.joining(", ")));
            if (!report.published()) {
                out.flush();
                return fail(spec, "--strict: " + report.broken().size() + " broken link(s); nothing published");
            }
            out.println("published at " + report.site());
            out.flush();
            return 0;
        }
    }
}
