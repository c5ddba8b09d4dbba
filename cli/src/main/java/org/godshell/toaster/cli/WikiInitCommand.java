package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.WikiServeConfig;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.git.InitialImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster wiki init}: creates {@code PREFIX/wiki/wiki.git} with the toaster's documentation (the
 * distribution's {@code wiki-content/}, or {@code --from DIR}) as the first commit of {@code main}, and, when
 * {@code control/listen-http} or {@code listen-https} says where the wiki is served, builds its site as {@code
 * wiki serve} would. Does nothing when the repository already has a {@code main} branch, so installs and the
 * demo may run it every time.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create wiki/wiki.git with the toaster's documentation as its first commit, and build its "
                + "site when control/listen-http(s) is set (nothing is done when it has a main branch already).")
final class WikiInitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--from", paramLabel = "DIR",
            description = "The folder whose files make the first commit (default: PREFIX/wiki-content).")
    private Path from;

    @Override
    public Integer call() {
        Path home = prefix.prefix();
        Path bare = home.resolve("wiki").resolve("wiki.git");
        Path content = from != null ? from : home.resolve("wiki-content");
        try {
            String me = DeliveryConfig.load(prefix.control()).me();
            WikiServeConfig serve = WikiServeConfig.load(prefix.control());
            Optional<ObjectId> commit = InitialImport.create(bare, content,
                    new PersonIdent("Godshell Toaster", "postmaster@" + me), "The toaster's documentation\n");
            spec.commandLine().getOut().println(commit.map(id -> "created " + bare + " with " + content
                    + " as commit " + id.abbreviate(12).name() + " on main")
                    .orElse(bare + " has a main branch already: nothing done"));
            if (commit.isPresent() && !(serve.listenHttp().isEmpty() && serve.listenHttps().isEmpty())) {
                // The site now, in this JVM, as wiki serve would build it: its start then finds it up to date.
                BuildReport report = WikiBuilder.build(WikiSite.options(home, serve, null, null));
                spec.commandLine().getOut().println("built the site: " + report.pages() + " pages in "
                        + home.resolve("wiki/site"));
            }
            if (commit.isPresent()) {
                // Run as root, JGit wrote root's files: the wiki service must write pushes and sites there.
                Owners.of(home).adoptTree(home.resolve("wiki"));
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException | IOException | IllegalArgumentException e) {
            return fail(spec, "wiki init: " + e.getMessage());
        }
    }
}
