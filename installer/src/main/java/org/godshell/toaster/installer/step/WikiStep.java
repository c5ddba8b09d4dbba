package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.layout.DocsVersion;

/**
 * The wiki's repository, {@code wiki/wiki.git}, following the shipped documentation ({@code wiki-content/}), by
 * {@code toaster wiki init} (beside the other steps that start a JVM, so it costs the install little): on a new
 * install its first commit, and its site built; after an upgrade the new version's pages merged with the wiki's
 * edits, or the pages changed on both sides reported (what it says is shown here). The site is left to the
 * wiki's start ({@code --no-build}), which builds it while it already answers: the install does not wait for it. Done when the wiki has
 * followed the installed version ({@link DocsVersion}): a rerun that changed nothing leaves the repository alone,
 * and an upgrade interrupted before this step merges on the rerun. The wiki is then restarted, and its start
 * builds the merged site.
 */
final class WikiStep implements Step {

    private final StepContext context;

    WikiStep(StepContext context) {
        this.context = context;
    }

    private Path repository() {
        return context.root().resolve("wiki").resolve("wiki.git");
    }

    @Override
    public String name() {
        return "wiki";
    }

    @Override
    public String describe() {
        return "the wiki's repository wiki/wiki.git with this version's shipped documentation (the first commit, "
                + "or merged with the wiki's edits); the wiki's start builds the site";
    }

    private boolean hasMain() {
        Path bare = repository();
        return Files.exists(bare.resolve("refs/heads/main"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(bare.resolve("packed-refs"), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDone() throws IOException {
        return hasMain() && DocsVersion.upToDate(context.root());
    }

    @Override
    public void apply() throws IOException, StepException {
        if (isDone()) {
            return;
        }
        boolean existing = hasMain();
        Commands.Result result = context.commands().require(context.toaster("wiki", "init", "--no-build"), Optional.empty());
        for (String line : result.out().split("\n")) {
            if (!line.isBlank()) {
                context.out().println("         " + line.stripTrailing());
            }
        }
        if (existing) {
            // The running wiki publishes a merged main at its start: an upgrade restarts it anyway, but not the
            // rerun of one interrupted after its program files, which merges only now.
            context.changes().restart("wiki");
        }
    }
}
