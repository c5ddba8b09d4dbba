package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.qmailimport.plan.Action;
import org.godshell.toaster.qmailimport.plan.Plan;
import org.godshell.toaster.qmailimport.plan.Step;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * Runs a plan's steps in order. A step already there is not run; a step that fails is recorded with why and the
 * others still run (a user whose domain failed fails too, by the store's own check). Control files are written
 * only where none exists, in the mode the toaster's own files have.
 */
public final class Applier {

    /** Control files are the admin's; the daemons read them (0644, as rcpthosts). */
    static final String CONTROL_MODE = "rw-r--r--";

    /** What happened to a step. */
    public enum Status { IMPORTED, ALREADY_THERE, FAILED }

    private static final String NOTHING_NEW = "no new message or folder";

    /** One step's result: what was done, or why not. */
    public record Result(Step step, Status status, String detail) {
    }

    private final Path prefix;
    private final UserStore store;
    private final MailboxMover mover;
    private final MailboxMover.Mode mode;
    private final Handover handover;

    /** {@code handover}: the install's owners ({@code Owners.of(prefix)::handOver}) or {@link Handover#KEEP}. */
    public Applier(Path prefix, UserStore store, MailboxMover mover, MailboxMover.Mode mode, Handover handover) {
        this.prefix = prefix;
        this.store = store;
        this.mover = mover;
        this.mode = mode;
        this.handover = handover;
    }

    public List<Result> apply(Plan plan) {
        List<Result> results = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step.alreadyThere()) {
                results.add(new Result(step, Status.ALREADY_THERE, ""));
                continue;
            }
            try {
                String detail = run(step.action());
                // A mail step is planned on every run (only the carry knows what the toaster's Maildir holds):
                // one that carried nothing new is reported as there already, so a rerun's summary adds up.
                results.add(new Result(step, detail.startsWith(NOTHING_NEW) ? Status.ALREADY_THERE : Status.IMPORTED,
                        detail));
            } catch (UserStoreException | IOException | ConfigException e) {
                results.add(new Result(step, Status.FAILED, e.getMessage()));
            }
        }
        return results;
    }

    private String run(Action action) throws UserStoreException, IOException, ConfigException {
        switch (action) {
            case Action.CreateDomain(String domain) -> store.addDomain(domain);
            case Action.AddUser(String address, String field, String gecos, String quota) ->
                    store.addHashedUser(address, field, gecos, quota);
            case Action.CarryMail(String address, Path from, Path to) -> {
                MailboxMover.Outcome outcome = mover.carry(from, to, mode);
                tree(to);
                return (outcome.messages() + outcome.folders() == 0 ? NOTHING_NEW : outcome.messages()
                        + " message(s), " + outcome.folders() + " folder(s)")
                        + (outcome.problems().isEmpty() ? "" : "; left out: " + String.join("; ", outcome.problems()));
            }
            case Action.AddAlias(String alias, List<String> targets) -> store.addAlias(alias, targets);
            case Action.WriteControl(String name, byte[] bytes) -> writeControl(name, bytes);
            case Action.AddTcpRule(String text) -> addRule(text);
        }
        return "";
    }

    /** The carried Maildir handed to the account that owns mailboxes (root running the import), links untouched. */
    private void tree(Path top) throws IOException {
        try (var walk = Files.walk(top)) {
            for (Path path : walk.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    handover.apply(path, path);
                }
            }
        }
    }

    private void writeControl(String name, byte[] bytes) throws IOException {
        Path file = prefix.resolve("control").resolve(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " appeared since the plan was made: left as it is");
        }
        AtomicFile.write(file, bytes, CONTROL_MODE, true, handover);
    }

    /** Appends one rule, the whole file checked by the toaster's parser before it replaces the old one. */
    private void addRule(String text) throws IOException, ConfigException {
        Path file = prefix.resolve("control").resolve("tcp.smtp");
        String now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file) : "";
        String next = now + (now.isEmpty() || now.endsWith("\n") ? "" : "\n") + text + "\n";
        TcpRules.parse(next, file.toString());
        AtomicFile.write(file, next, CONTROL_MODE, handover);
    }
}
