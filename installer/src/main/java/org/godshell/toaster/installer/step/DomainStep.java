package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Optional;

/**
 * The first virtual domain, by {@code toaster domain add}: domains/DOMAIN/ with its DKIM keys, and a line in
 * control/rcpthosts. Done once the directory exists: a rerun or an upgrade never makes the domain or its keys
 * again, so published DKIM records stay right (an upgraded domain without keys gets them from {@code toaster
 * dkim keygen}, as the summary's records say). With {@code --users} the domain is a row of the shared database
 * ({@link SharedUsers}): added by the first host, whose mail host it becomes; found and left alone by the others.
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
        String domain = context.settings().domain();
        return context.settings().users().map(db -> "mail domain " + domain + " in the user database " + db.url()
                + ": added with this host as its mailbox host (DKIM keys in domains/" + domain + "/), unless it is "
                + "there already (then it is left as it is)")
                .orElse("mail domain " + domain + " (domains/" + domain + "/ with DKIM keys, control/rcpthosts)");
    }

    @Override
    public boolean isDone() throws StepException {
        if (context.settings().users().isPresent()) {
            return new SharedUsers(context).hasDomain(context.settings().domain());
        }
        return Files.isDirectory(context.root().resolve("domains").resolve(context.settings().domain()),
                LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void apply() throws StepException {
        if (isDone()) {
            return;                                                // an interrupted run got this far
        }
        List<String> add = context.toaster("domain", "add", context.settings().domain());
        if (context.settings().users().isPresent()) {
            new SharedUsers(context).add(add, Optional.empty(), "the domain " + context.settings().domain());
            return;
        }
        context.commands().require(add, Optional.empty());
    }
}
