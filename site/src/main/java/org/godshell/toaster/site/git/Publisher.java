package org.godshell.toaster.site.git;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;

/**
 * The post-receive step: builds the site at the pushed commit and publishes it with the generator's atomic
 * swap. It runs while the push still holds the push lock, so builds happen one at a time in push order. A build
 * that fails leaves the previous site in place; the reason goes to the pusher (as "remote: error:" lines) and the
 * log. After the summary the pusher gets each warning and each broken wiki link of the build, by page and line
 * ({@link PushReport}). Whatever a build throws stops here, errors such as {@link StackOverflowError} included: one broken build
 * must not take the push lock's holder down with it and leave every later push unbuilt. Only an
 * {@link OutOfMemoryError} or an internal error of the JVM goes on up, after being reported, since nothing
 * after it can be trusted.
 */
final class Publisher implements PostReceiveHook {

    /** The build a push starts: {@link org.godshell.toaster.site.build.WikiBuilder#build} but in tests. */
    interface Build {
        BuildReport run(BuildOptions options) throws IOException;
    }

    private final BuildOptions options;
    private final Build build;
    private final Consumer<String> log;
    private String outcome = "no build";

    Publisher(BuildOptions options, Build build, Consumer<String> log) {
        this.options = options;
        this.build = build;
        this.log = log;
    }

    /**
     * Where a build's summary and details go: git's "remote:" lines for a push, the reply page for a save from
     * the browser ({@link Saves}).
     */
    record Messages(Consumer<String> message, Consumer<String> error) {
    }

    @Override
    public void onPostReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            if (command.getRefName().equals(PushRules.MAIN) && command.getResult() == ReceiveCommand.Result.OK) {
                publish(pack.getRepository(), command.getNewId().name(), new Messages(pack::sendMessage,
                        pack::sendError));
            }
        }
    }

    void publish(Repository repository, String commit, Messages to) {
        // Incremental from the build being served (WikiBuilder falls back to a full build when it cannot).
        BuildOptions at = options.ref(commit).full(false);
        try {
            BuildReport report = build.run(at);
            int pageBytes = (int) Math.min(options.limits().maxPageBytes(), Integer.MAX_VALUE - 8);
            List<String> details = PushReport.lines(report.warnings(), report.broken(),
                    PageSource.at(repository, ObjectId.fromString(commit), pageBytes));
            if (report.published()) {
                outcome = "build=ok pages=" + report.pages() + " warnings=" + report.warnings().size()
                        + " broken-links=" + report.broken().size() + " millis=" + report.millis();
                to.message().accept("wiki: published " + commit.substring(0, 12) + " (" + report.pages() + " pages, "
                        + report.warnings().size() + " warnings) in " + report.millis() + " ms");
                if (!report.broken().isEmpty()) {
                    to.message().accept("wiki: " + report.broken().size() + " broken wiki link(s), shown in red:");
                }
            } else {
                outcome = "build=refused broken-links=" + report.broken().size();
                to.message().accept("wiki: not published: " + report.broken().size() + " broken wiki link(s); the "
                        + "site still shows the previous version");
            }
            details.forEach(to.message());
        } catch (Throwable e) {
            String reason = e instanceof StackOverflowError ? "the tree or a page nests too deeply ("
                    + e.getClass().getSimpleName() + ")" : String.valueOf(e.getMessage());
            outcome = "build=failed reason=" + reason;
            log.accept("wiki build of " + commit + " failed, the previous site stays: " + e);
            to.error().accept("wiki: the build of " + commit.substring(0, 12) + " failed: " + reason);
            to.error().accept("wiki: the site still shows the previous version; the commit is in the repository");
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
        }
    }

    String outcome() {
        return outcome;
    }
}
