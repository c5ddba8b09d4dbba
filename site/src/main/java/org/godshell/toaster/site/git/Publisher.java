package org.godshell.toaster.site.git;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;

/**
 * The post-receive step: builds the site at the pushed commit and publishes it with the generator's atomic
 * swap. It runs while the push still holds the push lock, so builds happen one at a time in push order. A build
 * that fails leaves the previous site in place; the reason goes to the pusher (as "remote:" lines) and the log.
 * The generator has no incremental build yet, so each push is a full build.
 */
final class Publisher implements PostReceiveHook {

    private final BuildOptions options;
    private final Consumer<String> log;
    private String outcome = "no build";

    Publisher(BuildOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    @Override
    public void onPostReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            if (command.getRefName().equals(PushRules.MAIN) && command.getResult() == ReceiveCommand.Result.OK) {
                publish(pack, command.getNewId().name());
            }
        }
    }

    private void publish(ReceivePack pack, String commit) {
        // Incremental from the build being served (WikiBuilder falls back to a full build when it cannot).
        BuildOptions at = new BuildOptions(options.repository(), commit, options.out(), options.site(),
                options.limits(), options.strict(), false, options.progress());
        try {
            BuildReport report = WikiBuilder.build(at);
            if (report.published()) {
                outcome = "build=ok pages=" + report.pages() + " millis=" + report.millis();
                pack.sendMessage("wiki: published " + commit.substring(0, 12) + " (" + report.pages() + " pages, "
                        + report.warnings().size() + " warnings) in " + report.millis() + " ms");
            } else {
                outcome = "build=refused broken-links=" + report.broken().size();
                pack.sendMessage("wiki: not published: " + report.broken().size() + " broken wiki link(s); the "
                        + "site still shows the previous version");
            }
        } catch (IOException | RuntimeException e) {
            outcome = "build=failed reason=" + e.getMessage();
            log.accept("wiki build of " + commit + " failed, the previous site stays: " + e);
            pack.sendMessage("wiki: the build of " + commit.substring(0, 12) + " failed: " + e.getMessage());
            pack.sendMessage("wiki: the site still shows the previous version; the commit is in the repository");
        }
    }

    String outcome() {
        return outcome;
    }
}
