package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.PersonIdent;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.WikiServeConfig;
import org.godshell.toaster.layout.DocsVersion;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.git.PushLog;
import org.godshell.toaster.site.shipped.DocsUpdate;
import org.godshell.toaster.site.shipped.ShippedDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster wiki init}: makes {@code PREFIX/wiki/wiki.git} follow the toaster's documentation (the
 * distribution's {@code wiki-content/}, or {@code --from DIR}) as {@link ShippedDocs} does: the first commit of
 * {@code main} on a new wiki, after an upgrade the new version's pages merged with the wiki's edits, and nothing
 * when the pages did not change. A new wiki's site is built when {@code control/listen-http} or {@code
 * listen-https} says where it is served; after a merge the site follows at the wiki's next start, which an
 * upgrade does (a build here could meet the running server's). What it did goes to stdout and, unless nothing
 * changed, to {@code wiki/push.log}; then {@link DocsVersion} records the version followed.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create wiki/wiki.git with the toaster's documentation as its first commit, or merge this "
                + "version's documentation into the wiki's edits (nothing when it did not change); a page changed "
                + "on both sides is reported, and main left as it is. Builds a new wiki's site when "
                + "control/listen-http(s) is set.")
final class WikiInitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--from", paramLabel = "DIR",
            description = "The folder of the shipped documentation (default: PREFIX/wiki-content).")
    private Path from;

    @Option(names = "--no-build",
            description = "Leave the site to the wiki's start, which builds it while it already answers (the "
                    + "installer's choice: the install then does not wait for the build).")
    private boolean noBuild;

    @Override
    public Integer call() {
        Path home = prefix.prefix();
        Path bare = home.resolve("wiki").resolve("wiki.git");
        Path content = from != null ? from : home.resolve("wiki-content");
        PrintWriter out = spec.commandLine().getOut();
        try {
            String me = DeliveryConfig.load(prefix.control()).me();
            WikiServeConfig serve = WikiServeConfig.load(prefix.control());
            String version = DocsVersion.installed(home).orElseGet(ToasterVersion::current);
            DocsUpdate update = ShippedDocs.follow(bare, content, version,
                    new PersonIdent("Toaster Docs", "postmaster@" + me));
            if (update instanceof DocsUpdate.Created created) {
                out.println("created " + bare + " with " + content + " as commit "
                        + created.main().abbreviate(12).name() + " on main (documentation for " + version + ")");
            } else {
                update.lines().forEach(line -> out.println("wiki docs: " + line));
            }
            if (update instanceof DocsUpdate.Created && !noBuild && !(serve.listenHttp().isEmpty()
                    && serve.listenHttps().isEmpty())) {
                // The site now, in this JVM, as wiki serve would build it: its start then finds it up to date.
                BuildReport report = WikiBuilder.build(WikiSite.options(home, serve, null, null));
                out.println("built the site: " + report.pages() + " pages in " + home.resolve("wiki/site"));
            } else if (update.moved()) {
                out.println("wiki docs: the site shows it after the wiki's next start (an upgrade restarts it)");
            }
            if (!(update instanceof DocsUpdate.UpToDate)) {
                new PushLog(home.resolve("wiki/push.log")).append("toaster-docs", "local", logLine(update));
            }
            DocsVersion.recordFollowed(home, version);
            // Run as root, JGit wrote root's files: the wiki service must write pushes and sites there.
            Owners.of(home).adoptTree(home.resolve("wiki"));
            out.flush();
            return 0;
        } catch (ConfigException | IOException | IllegalArgumentException e) {
            return fail(spec, "wiki init: " + e.getMessage());
        }
    }

    /** The push log's words for it: key=value, as a push's line has. */
    private static String logLine(DocsUpdate update) {
        String result = switch (update) {
            case DocsUpdate.Created created -> "result=created";
            case DocsUpdate.UpToDate upToDate -> "result=up-to-date";
            case DocsUpdate.FastForward forward -> "result=fast-forward";
            case DocsUpdate.Merged merged -> "result=merged";
            case DocsUpdate.Conflicts conflicts -> "result=not-merged shipped=" + conflicts.shipped().abbreviate(12)
                    .name() + " conflicts=" + conflicts.pages().stream().map(DocsUpdate.PageConflict::path)
                    .collect(Collectors.joining(","));
        };
        return "docs version=" + update.version() + " ref=refs/heads/main main=" + update.main().abbreviate(12).name() + " " + result;
    }
}
