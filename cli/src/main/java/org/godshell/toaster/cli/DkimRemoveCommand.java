package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.dkim.keys.SelectorsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster dkim remove DOMAIN SELECTOR...}: retired (or pending) keys and their files go; an active one
 * only with {@code --yes}, since its signature stops.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove keys of a domain (retired or pending ones; an active one only with --yes), their key "
                + "files included; then delete their TXT records.")
final class DkimRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private PrefixOption prefix;
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "A domain of this toaster.")
    private String domain;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SELECTOR", description = "The selectors to remove "
            + "(toaster dkim show DOMAIN lists them).")
    private List<String> selectors = new ArrayList<>();
    @Option(names = "--yes", description = "Remove active keys too: the domain's mail is no longer signed with them.")
    private boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path root = prefix.prefix();
            String name = DkimCommand.knownDomain(root, domain);
            DkimKeys keys = DkimCommand.store(root);
            for (Selector removed : keys.remove(name, selectors, yes)) {
                out.println("removed " + removed.name() + " (" + removed.state().word() + ") of " + name
                        + ": delete its TXT record " + removed.recordName(name)
                        + (removed.state() == KeyState.ACTIVE ? "; it signs no more" : ""));
            }
            SelectorsFile left = keys.selectors(name);
            if (left.in(KeyState.ACTIVE).isEmpty()) {
                out.println(name + " has no active DKIM key now: its mail goes out unsigned. "
                        + (left.in(KeyState.PENDING).isEmpty() ? left.selectors().isEmpty()
                                ? "Make new keys with: toaster dkim keygen " + name
                                : "Make new keys with: toaster dkim rotate " + name + ", then --activate"
                                : "Let the pending keys sign with: toaster dkim rotate --activate " + name));
            }
            out.flush();
            return 0;
        } catch (DkimKeysException | IOException e) {
            return DomainCommand.fail(spec, e.getMessage());
        }
    }
}
