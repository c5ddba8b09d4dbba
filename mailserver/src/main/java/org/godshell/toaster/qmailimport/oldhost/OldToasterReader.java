package org.godshell.toaster.qmailimport.oldhost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.qmailimport.Assign;
import org.godshell.toaster.qmailimport.ImportRefusedException;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.ValiasDump;
import org.godshell.toaster.qmailimport.VirtualDomains;

/**
 * Reads an old host: which domains vpopmail served ({@code control/virtualdomains}, each prefix looked up in
 * {@code users/assign}, else {@code domains/PREFIX}), which of them are aliases of another (the same directory
 * under another name), the other names of {@code locals}, {@code rcpthosts} and {@code morercpthosts}, then each
 * domain ({@link DomainReader}) and the control files and rules ({@link ControlReader}).
 *
 * @param qmail    qmail's home, {@code /var/qmail}
 * @param vpopmail vpopmail's home, {@code /home/vpopmail}
 * @param tcpSmtp  the tcprules source, {@code /etc/tcp.smtp}
 * @param valias   valias dumps ({@code valias -s DOMAIN} output), possibly none
 */
public record OldToasterReader(Path qmail, Path vpopmail, Path tcpSmtp, List<Path> valias) {

    public OldToasterReader {
        qmail = qmail.toAbsolutePath().normalize();
        vpopmail = vpopmail.toAbsolutePath().normalize();
        tcpSmtp = tcpSmtp.toAbsolutePath().normalize();
        valias = valias.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public OldToaster read() {
        List<Skipped> skipped = new ArrayList<>();
        OldFiles files = new OldFiles(skipped);
        Path control = qmail.resolve("control");
        Path domainsDir = vpopmail.resolve("domains");
        Map<String, Assign.Entry> assign = assign(files, domainsDir);
        Map<String, List<ValiasDump.Entry>> valiasByDomain = valias(files);
        Map<String, Path> realDirs = new LinkedHashMap<>();
        Map<String, String> aliasDomains = new LinkedHashMap<>();
        for (VirtualDomains.Entry entry : domainFile(files, control.resolve("virtualdomains"), false)) {
            Assign.Entry assigned = assign.get(entry.prefix());
            String real = assigned == null ? entry.prefix().toLowerCase(java.util.Locale.ROOT) : assigned.domain();
            Path dir = domainsDir.resolve(assigned == null ? Path.of(real) : assigned.dir()).normalize();
            if (!dir.startsWith(domainsDir) || !files.plainDirectory(domainsDir, dir)) {
                files.skip(control.resolve("virtualdomains") + ":" + entry.line(), entry.domain() + ": " + dir
                        + " is not a vpopmail domain directory (missing, outside " + domainsDir + " or behind a"
                        + " symbolic link): not imported");
            } else if (entry.domain().equals(real)) {
                realDirs.putIfAbsent(real, dir);
            } else {
                aliasDomains.put(entry.domain(), real);
            }
        }
        List<OldDomain> domains = new ArrayList<>();
        DomainReader reader = new DomainReader(files);
        realDirs.forEach((name, dir) -> domains.add(reader.read(name, dir,
                valiasByDomain.getOrDefault(name, List.of()))));
        aliasDomains.entrySet().removeIf(alias -> {
            boolean orphan = !realDirs.containsKey(alias.getValue());
            if (orphan) {
                files.skip("domain alias " + alias.getKey(), "stands for " + alias.getValue() + ", which is not"
                        + " itself in virtualdomains: not imported");
            }
            return orphan;
        });
        valiasByDomain.keySet().stream().filter(d -> !realDirs.containsKey(d)).forEach(d -> files.skip(
                "valias entries of " + d, "not a vpopmail domain of this host: not imported"));
        Set<String> plain = new LinkedHashSet<>();
        for (String file : List.of("locals", "rcpthosts", "morercpthosts")) {
            for (VirtualDomains.Entry entry : domainFile(files, control.resolve(file), true)) {
                if (!realDirs.containsKey(entry.domain()) && !aliasDomains.containsKey(entry.domain())) {
                    plain.add(entry.domain());
                }
            }
        }
        ControlReader controls = new ControlReader(files);
        controls.readRules(tcpSmtp, qmail);
        controls.readControl(control);
        return new OldToaster(domains, aliasDomains, List.copyOf(plain), controls.controlFiles, controls.rules,
                controls.pluginFiles, controls.pluginSources, skipped);
    }

    private Map<String, Assign.Entry> assign(OldFiles files, Path domainsDir) {
        Path file = qmail.resolve("users").resolve("assign");
        Map<String, Assign.Entry> byPrefix = new LinkedHashMap<>();
        Optional<byte[]> bytes = files.read(file);
        if (bytes.isPresent()) {
            try {
                Assign parsed = Assign.parse(bytes.get(), domainsDir);
                files.problems(file, parsed.problems());
                parsed.entries().forEach(e -> byPrefix.putIfAbsent(e.prefix(), e));
            } catch (ImportRefusedException e) {
                files.skip(file.toString(), e.getMessage());
            }
        }
        return byPrefix;
    }

    private List<VirtualDomains.Entry> domainFile(OldFiles files, Path file, boolean names) {
        Optional<byte[]> bytes = files.read(file);
        if (bytes.isEmpty()) {
            return List.of();
        }
        try {
            VirtualDomains parsed = names ? VirtualDomains.names(bytes.get()) : VirtualDomains.parse(bytes.get());
            files.problems(file, parsed.problems());
            return parsed.entries();
        } catch (ImportRefusedException e) {
            files.skip(file.toString(), e.getMessage());
            return List.of();
        }
    }

    private Map<String, List<ValiasDump.Entry>> valias(OldFiles files) {
        Map<String, List<ValiasDump.Entry>> byDomain = new LinkedHashMap<>();
        for (Path file : valias) {
            Optional<byte[]> bytes = files.read(file);
            if (bytes.isEmpty()) {
                files.skip(file.toString(), "no such valias dump (or not a plain file): not read");
                continue;
            }
            try {
                ValiasDump dump = ValiasDump.parse(bytes.get());
                files.problems(file, dump.problems());
                dump.entries().forEach(e -> byDomain.computeIfAbsent(e.domain(), d -> new ArrayList<>()).add(e));
            } catch (ImportRefusedException e) {
                files.skip(file.toString(), e.getMessage());
            }
        }
        return byDomain;
    }
}
