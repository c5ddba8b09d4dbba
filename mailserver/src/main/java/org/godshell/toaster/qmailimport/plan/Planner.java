package org.godshell.toaster.qmailimport.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.oldhost.OldDomain;
import org.godshell.toaster.qmailimport.oldhost.OldToaster;

/**
 * From what was read and what the toaster holds to the plan. Pure: no file is read or written, so the plan
 * {@code --dry-run} prints is exactly what the real run does. Order: domains, users and their mail, aliases,
 * catch-alls (whose targets must exist first), domain aliases, control files, tcp.smtp rules.
 */
public final class Planner {

    private Planner() {
    }

    /** {@code domainsDir}: the toaster's {@code PREFIX/domains}, where the mail goes. */
    public static Plan plan(OldToaster old, ToasterState state, Path domainsDir) {
        List<Skipped> skipped = new ArrayList<>(old.skipped());
        List<Step> domains = new ArrayList<>();
        List<Step> users = new ArrayList<>();
        List<Step> aliases = new ArrayList<>();
        List<Step> catchAlls = new ArrayList<>();
        for (OldDomain domain : old.domains()) {
            domains.add(new Step(new Action.CreateDomain(domain.name()), state.domains().contains(domain.name()), ""));
            DomainPlanner planned = new DomainPlanner(domain, state, domainsDir, skipped);
            users.addAll(planned.users());
            aliases.addAll(planned.aliases());
            catchAlls.addAll(planned.catchAll());
            old.domainAliases().forEach((alias, real) -> {
                if (real.equals(domain.name())) {
                    domains.add(new Step(new Action.CreateDomain(alias), state.domains().contains(alias),
                            "an alias domain of " + real + ": each address becomes an alias; logins as user@" + alias
                            + " do not work (the toaster has no domain aliases)"));
                    catchAlls.addAll(planned.mirror(alias));
                }
            });
        }
        for (String name : old.plainDomains()) {
            if (!name.contains(".")) {
                skipped.add(new Skipped("domain " + name, "not a mail domain (no dot): not created"));
                continue;
            }
            domains.add(new Step(new Action.CreateDomain(name), state.domains().contains(name), "no vpopmail"
                    + " directory on the old host (locals, rcpthosts): created without users; if the old host only"
                    + " relayed for it or was its backup MX, remove it (toaster domain remove) and route it with"
                    + " control/smtproutes"));
        }
        List<Step> steps = new ArrayList<>(domains);
        steps.addAll(users);
        steps.addAll(aliases);
        steps.addAll(catchAlls);
        steps.addAll(controlFiles(old, state, skipped));
        steps.addAll(TcpRulePlanner.rules(old, state, skipped));
        return new Plan(steps, skipped);
    }

    private static List<Step> controlFiles(OldToaster old, ToasterState state, List<Skipped> skipped) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : old.controlFiles().entrySet()) {
            control(file.getKey(), file.getValue(), "", state, skipped).ifPresent(steps::add);
        }
        for (Map.Entry<String, OldToaster.PluginFile> file : old.pluginFiles().entrySet()) {
            Set<String> programs = file.getValue().plugins().plugins().stream().map(p -> p.program())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            String note = programs.isEmpty() ? "" : "runs " + String.join(", ", programs) + ": check that each"
                    + " exists and is executable on this host (not copied), or the toaster refuses the file";
            control(file.getKey(), file.getValue().bytes(), note, state, skipped).ifPresent(steps::add);
        }
        return steps;
    }

    private static Optional<Step> control(String name, byte[] bytes, String note, ToasterState state,
            List<Skipped> skipped) {
        byte[] now = state.controlFiles().get(name);
        if (now == null) {
            return Optional.of(new Step(new Action.WriteControl(name, bytes), false, note));
        }
        if (Arrays.equals(now, bytes)) {
            return Optional.of(new Step(new Action.WriteControl(name, bytes), true, note));
        }
        skipped.add(new Skipped("control/" + name, "the toaster's file differs from the old one: kept the"
                + " toaster's (compare them and edit control/" + name + " by hand if the old one should win)"));
        return Optional.empty();
    }
}
