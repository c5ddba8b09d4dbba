package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.dns.Dns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster dkim rotate DOMAIN}: a new key pair, pending, whose records the admin publishes; then {@code
 * rotate --activate DOMAIN}, which asks DNS whether they are live before the new pair signs and the old one
 * retires (still published, so mail signed with it and still in transit keeps verifying).
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Make a new key pair for a domain, pending: published first, signing after --activate.",
            "With --activate: check in DNS that the pending records are live, then the pending pair signs and the "
                    + "active one retires."})
final class DkimRotateCommand implements Callable<Integer> {

    /** Per record; DNS through control/dnsservers, as the mail server asks it. */
    static final Duration LOOKUP = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;
    @Mixin
    private PrefixOption prefix;
    @Parameters(paramLabel = "DOMAIN", description = "A domain of this toaster with keys.")
    private String domain;
    @Option(names = "--activate", description = "Let the pending pair sign, once DNS publishes its records.")
    private boolean activate;
    @Option(names = "--force", description = "With --activate: activate even though DNS does not (yet) publish "
            + "the records; mail signed before they are live fails DKIM.")
    private boolean force;

    @Override
    public Integer call() {
        if (force && !activate) {
            spec.commandLine().getErr().println("toaster dkim rotate: --force goes with --activate");
            spec.commandLine().getErr().flush();
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path root = prefix.prefix();
            String name = DkimCommand.knownDomain(root, domain);
            DkimKeys keys = DkimCommand.store(root);
            if (!activate) {
                List<Selector> made = keys.rotate(name);
                out.println("made a new key pair for " + name + ", pending: it signs nothing yet.");
                out.println("1. Publish these TXT records (keep the others):");
                DkimRecords.blocks(out, keys, name, made);
                out.println("2. Wait until they are live (toaster doctor checks; count the TTL of your DNS), then:");
                out.println("   toaster dkim rotate --activate " + name);
                out.flush();
                return 0;
            }
            return activate(out, root, name, keys);
        } catch (DkimKeysException | IOException e) {
            return DomainCommand.fail(spec, e.getMessage());
        } catch (ConfigException e) {
            return DomainCommand.fail(spec, e.getMessage());
        }
    }

    private int activate(PrintWriter out, Path root, String name, DkimKeys keys)
            throws DkimKeysException, ConfigException {
        List<Selector> pending = keys.selectors(name).in(KeyState.PENDING);
        if (pending.isEmpty()) {
            return DomainCommand.fail(spec, name + " has no pending keys to activate; make them with: toaster dkim "
                    + "rotate " + name);
        }
        Dns dns = Dns.of(Controls.once(root.resolve("control")).get(ControlFiles.DNSSERVERS));
        boolean live = true;
        Set<String> checked = new LinkedHashSet<>();
        for (Selector selector : pending) {
            String record = selector.recordName(name);
            String said = switch (PublishedKey.check(dns, LOOKUP, selector.name(), name, keys.publicKey(name,
                    selector))) {
                case PublishedKey.Check.Matches m -> "ok        " + record + " publishes the key";
                case PublishedKey.Check.Mismatch m -> "not live  " + m.reason();
                case PublishedKey.Check.Temporary t -> t.reason();             // "no answer for NAME: why"
            };
            live &= said.startsWith("ok");
            out.println("  " + said);
            checked.add(selector.name());
        }
        out.flush();
        if (!live && !force) {
            return DomainCommand.fail(spec, "not activated: DNS does not publish every pending record yet (above). "
                    + "Publish them (toaster dkim show " + name + "), wait for the DNS to answer with them, and run "
                    + "this again; --force activates anyway");
        }
        DkimKeys.Activation done = keys.activate(name, checked);
        out.println("the pending keys of " + name + " are active: " + names(done.signing()) + " sign its mail from "
                + "now on.");
        if (!done.retired().isEmpty()) {
            out.println("retired: " + names(done.retired()) + ". Keep their records published for a week, so that "
                    + "mail signed with them and still on its way verifies; then remove them: toaster dkim remove "
                    + name + " " + String.join(" ", done.retired().stream().map(Selector::name).toList())
                    + ", and delete their TXT records.");
        }
        out.flush();
        return 0;
    }

    private static String names(List<Selector> selectors) {
        return String.join(", ", selectors.stream().map(Selector::name).toList());
    }
}
