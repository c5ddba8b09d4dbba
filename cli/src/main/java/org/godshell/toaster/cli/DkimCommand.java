package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster dkim keygen|rotate|show|remove}: each domain's DKIM keys ({@code dkim.keys}), and the TXT records
 * that publish them.
 */
@Command(name = "dkim", mixinStandardHelpOptions = true,
        description = {"DKIM keys of the virtual domains: make, rotate, show, remove.",
            "Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad arguments."},
        subcommands = {DkimCommand.Keygen.class, DkimRotateCommand.class, DkimCommand.Show.class,
            DkimRemoveCommand.class})
final class DkimCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The key store of the install, handing what it creates to the install's accounts. */
    static DkimKeys store(Path prefix) throws IOException {
        return new DkimKeys(prefix, Owners.of(prefix)::handOver, Clock.systemUTC());
    }

    /** {@code text} as a domain of the user store, lowercased; keys belong to domains the toaster serves. */
    static String knownDomain(Path prefix, String text) throws DkimKeysException, IOException {
        String domain = DkimKeys.domain(text);
        if (!UserStore.domainsOf(prefix).contains(domain)) {
            throw new DkimKeysException("no domain " + domain + "; toaster domain add " + domain + " creates it");
        }
        return domain;
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Make an RSA 2048 and an Ed25519 key for a domain that has none, both active at once, and"
                    + " print their TXT records to publish.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", description = "A domain of this toaster.")
        private String domain;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path root = prefix.prefix();
                String name = knownDomain(root, domain);
                DkimKeys keys = store(root);
                List<Selector> made = keys.keygen(name);
                out.println("made DKIM keys for " + name + ", active: they sign its outgoing mail from now on.");
                out.println("Publish these TXT records:");
                DkimRecords.blocks(out, keys, name, made);
                out.flush();
                return 0;
            } catch (DkimKeysException | IOException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Each key of a domain: selector, state, algorithm, when it was made, and its TXT record "
                    + "(name and value).")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", description = "A domain of this toaster.")
        private String domain;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path root = prefix.prefix();
                String name = knownDomain(root, domain);
                DkimKeys keys = store(root);
                List<Selector> selectors = DkimRecords.ordered(keys.selectors(name).selectors());
                if (selectors.isEmpty()) {
                    return DomainCommand.fail(spec, name + " has no DKIM keys; make them with: toaster dkim keygen "
                            + name);
                }
                out.println("DKIM keys of " + name + " (active: signs; pending: published, not signing yet; "
                        + "retired: signs no more, still published):");
                boolean readable = DkimRecords.blocks(out, keys, name, selectors);
                out.println("Each is a TXT record; a zone file splits values over 255 characters into strings, as "
                        + "toaster dns --domain " + name + " prints them.");
                out.flush();
                return readable ? 0 : DomainCommand.fail(spec, "a key file of " + name + " cannot be read (above)");
            } catch (DkimKeysException | IOException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }
}
