package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;

/**
 * The first virtual domain, by {@code toaster domain add}: domains/DOMAIN/ with its DKIM keys, and a line in
 * control/rcpthosts. Done once the directory exists: a rerun or an upgrade never makes the domain or its keys
 * again, so published DKIM records stay right (an upgraded domain without keys gets them from {@code toaster
 * dkim keygen}, as the summary's records say).
 */
final class DomainStep implements Step {

    private final StepContext context;

    DomainStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "domain";
    }

    @Override
    public String describe() {
        return "mail domain " + context.settings().domain() + " (domains/" + context.settings().domain()
                + "/ with DKIM keys, control/rcpthosts)";
    }

    @Override
    public boolean isDone() {
        return Files.isDirectory(context.root().resolve("domains").resolve(context.settings().domain()),
                LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void apply() throws StepException {
        if (isDone()) {
            return;                                                // an interrupted run got this far
        }
        context.commands().require(context.toaster("domain", "add", context.settings().domain()), Optional.empty());
    }
}
