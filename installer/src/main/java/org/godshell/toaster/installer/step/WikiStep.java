package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The wiki's repository, {@code wiki/wiki.git}, with the shipped documentation ({@code wiki-content/}) as the
 * first commit of {@code main}, and its site built, by {@code toaster wiki init} (beside the other steps that
 * start a JVM, so the build costs the install little); the wiki service then starts with nothing left to build. An existing repository is left as it is (it holds the wiki's history).
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
        return "the wiki's repository wiki/wiki.git, its first commit the shipped documentation, and its site";
    }

    @Override
    public boolean isDone() {
        Path bare = repository();
        return Files.exists(bare.resolve("refs/heads/main"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(bare.resolve("packed-refs"), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void apply() throws StepException {
        if (isDone()) {
            return;
        }
        context.commands().require(context.toaster("wiki", "init"), Optional.empty());
    }
}
