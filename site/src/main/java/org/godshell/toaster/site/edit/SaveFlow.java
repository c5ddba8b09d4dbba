package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.git.Saves;

/**
 * Save: the editor's text becomes a commit on main, never over a change it did not see. When main moved since the
 * editor's base commit and the page changed since, the two edits are merged by line ({@link ThreeWay}): a clean
 * merge is committed, a conflict is not (the editor gets the merge with markers, the other change as a diff, and
 * main as the new base). A page that appeared or vanished meanwhile is a conflict too. When main moves between
 * reading it and saving ({@link Saves.Moved}), the save starts over, a few times at most.
 */
final class SaveFlow {

    static final int ATTEMPTS = 3;

    sealed interface Outcome {
    }

    record Done(Saves.Published published, boolean merged) implements Outcome {
    }

    record Unchanged() implements Outcome {
    }

    record Conflict(Optional<ObjectId> main, String text, String diff, String reason) implements Outcome {
    }

    record Refused(String reason, List<String> lines) implements Outcome {
    }

    record Busy() implements Outcome {
    }

    private final Repository repository;
    private final Saves saves;
    private final long maxPageBytes;

    SaveFlow(Repository repository, Saves saves, long maxPageBytes) {
        this.repository = repository;
        this.saves = saves;
        this.maxPageBytes = maxPageBytes;
    }

    Outcome save(EditPath path, Optional<ObjectId> base, String yours, String message, String account,
                 String client) throws IOException {
        Optional<String> baseText = PageFiles.text(repository, base, path.path(), maxPageBytes);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ObjectId> main = PageFiles.main(repository);
            Optional<String> theirs = PageFiles.text(repository, main, path.path(), maxPageBytes);
            String content = yours;
            boolean merged = false;
            if (!main.equals(base) && !theirs.equals(baseText)) {
                if (baseText.isEmpty()) {
                    return new Conflict(main, ThreeWay.merge("", yours, theirs.get()).text(), ThreeWay.diff("",
                            theirs.get()), "A page with this name was created while you wrote yours.");
                }
                if (theirs.isEmpty()) {
                    return new Conflict(main, yours, ThreeWay.diff(baseText.get(), ""), "This page was deleted "
                            + "(or renamed) while you edited it; saving again creates it anew with your text.");
                }
                ThreeWay.Merged merge = ThreeWay.merge(baseText.get(), yours, theirs.get());
                if (merge.conflicts()) {
                    return new Conflict(main, merge.text(), ThreeWay.diff(baseText.get(), theirs.get()),
                            "Someone saved this page while you edited it, and both changed the same lines.");
                }
                content = merge.text();
                merged = true;
            }
            if (theirs.isPresent() && theirs.get().equals(content)) {
                return new Unchanged();
            }
            ObjectId commit;
            try {
                commit = Changes.commit(repository, main, new Changes.Write(path.path(),
                        content.getBytes(StandardCharsets.UTF_8)), new PersonIdent(account, account), message);
            } catch (Changes.InTheWay e) {
                return new Refused(e.getMessage() + ".", List.of());
            }
            switch (saves.save(account, client, main, commit)) {
                case Saves.Published published -> {
                    return new Done(published, merged);
                }
                case Saves.Refused refused -> {
                    return new Refused(refused.reason(), refused.lines());
                }
                case Saves.Moved moved -> {
                }
            }
        }
        return new Busy();
    }
}
