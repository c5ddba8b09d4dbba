package org.godshell.toaster.site.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.output.Views;

/**
 * The last pre-receive check, on when {@link StrictSetting} says so: a push to main that adds broken wiki links
 * (a page and target broken at the pushed commit but not at the current main) is refused before the ref moves,
 * and each added link is named by page and line. Links already broken on main do not stop a push, so a wiki can
 * turn the setting on before it is clean. Both commits are composed in full in memory (nothing is written), so
 * a strict push takes about two builds longer; it holds the push lock like every check.
 */
final class StrictLinks implements PreReceiveHook {

    private record Key(String path, String target) {
    }

    private final BuildOptions options;
    private final Consumer<String> log;

    StrictLinks(BuildOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    @Override
    public void onPreReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        if (commands.stream().anyMatch(c -> c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED)) {
            return;                                                     // refused by an earlier check already
        }
        Publisher.Messages to = new Publisher.Messages(pack::sendMessage, pack::sendError);
        for (ReceiveCommand command : commands) {
            check(pack.getRepository(), command.getOldId(), command.getNewId(), to).ifPresent(refusal ->
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal));
        }
    }

    /**
     * The refusal of moving main from {@code before} to {@code after}, each added broken link told to {@code to}
     * first; empty when the setting is off or nothing is added. Pushes and saves from the browser both ask here.
     */
    Optional<String> check(Repository repository, ObjectId before, ObjectId after, Publisher.Messages to) {
        StrictSetting setting = StrictSetting.read(repository);
        setting.problem().ifPresent(problem -> {
            log.accept("wiki push: " + problem);
            to.message().accept("wiki: " + problem);
        });
        if (!setting.on()) {
            return Optional.empty();
        }
        try {
            List<Views.Broken> added = added(repository, before, after);
            if (added.isEmpty()) {
                return Optional.empty();
            }
            int pageBytes = (int) Math.min(options.limits().maxPageBytes(), Integer.MAX_VALUE - 8);
            PushReport.lines(List.of(), added, PageSource.at(repository, after, pageBytes)).forEach(to.error());
            return Optional.of("wiki.strict: the change adds " + added.size() + " broken wiki link(s), listed above");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            log.accept("wiki push: the strict link check failed: " + e);
            return Optional.of("wiki.strict: the links could not be checked: " + e.getMessage());
        }
    }

    private List<Views.Broken> added(Repository repository, ObjectId before, ObjectId after) throws IOException {
        Set<Key> old = before.equals(ObjectId.zeroId()) ? Set.of() : broken(repository, before).stream()
                .map(link -> new Key(link.path(), link.target())).collect(Collectors.toSet());
        return broken(repository, after).stream()
                .filter(link -> !old.contains(new Key(link.path(), link.target()))).toList();
    }

    private List<Views.Broken> broken(Repository repository, ObjectId commit) throws IOException {
        return WikiBuilder.compose(repository, commit, options, new ArrayList<>()).site().broken();
    }
}
