package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.git.Saves;

/**
 * Rename and delete: one commit moving or removing the page's file, through {@link Saves} like a Save. Never
 * over a change the editor did not see: when the page on main differs from the page at the editor's base commit,
 * nothing is done and the editor is sent back to look. A rename never replaces a page that exists. The redirect
 * from the old name is the build's business, not this commit's.
 */
final class MoveFlow {

    private final Repository repository;
    private final Saves saves;
    private final long maxPageBytes;

    MoveFlow(Repository repository, Saves saves, long maxPageBytes) {
        this.repository = repository;
        this.saves = saves;
        this.maxPageBytes = maxPageBytes;
    }

    /** Moves {@code from} to {@code to}, or deletes it when {@code to} is empty. */
    SaveFlow.Outcome move(EditPath from, Optional<EditPath> to, Optional<ObjectId> base, String message,
                          String account, String client) throws IOException {
        Optional<String> seen = PageFiles.text(repository, base, from.path(), maxPageBytes);
        for (int attempt = 0; attempt < SaveFlow.ATTEMPTS; attempt++) {
            Optional<ObjectId> main = PageFiles.main(repository);
            Optional<String> now = PageFiles.text(repository, main, from.path(), maxPageBytes);
            if (now.isEmpty()) {
                return new SaveFlow.Refused(from.path() + " is no longer in the wiki (renamed or deleted since "
                        + "you opened it).", List.of());
            }
            if (!now.equals(seen)) {
                return new SaveFlow.Conflict(main, now.get(), ThreeWay.diff(seen.orElse(""), now.get()),
                        "The page changed since you opened it; nothing was done. Look at the change, then try again.");
            }
            if (to.isPresent() && PageFiles.text(repository, main, to.get().path(), maxPageBytes).isPresent()) {
                return new SaveFlow.Refused("a page " + to.get().path() + " exists already; choose another name.",
                        List.of());
            }
            Changes.Change change = to.<Changes.Change>map(target -> new Changes.Move(from.path(), target.path()))
                    .orElse(new Changes.Delete(from.path()));
            ObjectId commit;
            try {
                commit = Changes.commit(repository, main, change, new PersonIdent(account, account), message);
            } catch (Changes.InTheWay e) {
                return new SaveFlow.Refused(e.getMessage() + ".", List.of());
            }
            switch (saves.save(account, client, main, commit)) {
                case Saves.Published published -> {
                    return new SaveFlow.Done(published, false);
                }
                case Saves.Refused refused -> {
                    return new SaveFlow.Refused(refused.reason(), refused.lines());
                }
                case Saves.Moved moved -> {
                }
            }
        }
        return new SaveFlow.Busy();
    }
}
