package org.godshell.toaster.installer.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.hostcheck.DnsCheck;
import org.godshell.toaster.hostcheck.DnsLookup;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.godshell.toaster.installer.settings.Names;
import org.godshell.toaster.installer.settings.Settings;

/**
 * Every check of the host before an install, in the order an admin would fix them. FAIL findings stop the
 * install before anything is written; WARN findings are printed and the install goes on.
 *
 * @param proc  {@code /proc}, or a fixture in tests
 * @param uid   the user id the installer runs as
 * @param path  the directories searched for the programs the steps run (useradd, setsid, setpriv)
 * @param dns   the DNS check, empty to skip it (unprivileged mode, tests)
 */
public record Preflight(Path proc, int uid, List<Path> path, Optional<DnsCheck> dns) {

    static final long MIN_FREE_BYTES = 200L << 20;
    static final long COMFORTABLE_FREE_BYTES = 1L << 30;

    /** The checks of this host, as the installer runs them. */
    public static Preflight ofThisHost(boolean withDns) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
        List<Path> path = new ArrayList<>();
        for (String directory : (searchPath + ":/usr/sbin:/sbin").split(":")) {
            if (!directory.isEmpty()) {
                path.add(Path.of(directory));
            }
        }
        return new Preflight(Path.of("/proc"), uid, path,
                withDns ? Optional.of(new DnsCheck(DnsLookup.system())) : Optional.empty());
    }

    public List<Finding> check(Settings settings) {
        List<Finding> findings = new ArrayList<>();
        findings.add(java());
        findings.add(root(settings));
        if (!settings.unprivileged()) {
            for (String program : List.of("useradd", "setsid", "setpriv")) {
                if (path.stream().noneMatch(directory -> Files.isExecutable(directory.resolve(program)))) {
                    findings.add(Finding.fail(program + " is missing; install it: apt install passwd util-linux"));
                }
            }
        }
        imap(settings).ifPresent(findings::add);
        findings.addAll(ports(settings));
        findings.add(hostName(settings));
        findings.add(disk(settings.prefix()));
        findings.addAll(dns(settings));
        return findings;
    }

    /**
     * IMAP comes from Dovecot: one already there, or the distribution's package installed with apt-get. A host
     * with neither stops here, before anything changes, naming the package and {@code --no-imap}.
     */
    Optional<Finding> imap(Settings settings) {
        if (!settings.dovecot()) {
            return Optional.empty();
        }
        // With --users Dovecot also needs its PostgreSQL driver, which the package step installs with apt-get.
        String sql = settings.users().isPresent() ? ", its users in PostgreSQL (with dovecot-pgsql)" : "";
        if (found("dovecot")) {
            return Optional.of(Finding.ok("Dovecot is installed: it will serve IMAP on 143 and 993" + sql
                    + " (--no-imap: not)"));
        }
        if (found("apt-get")) {
            return Optional.of(Finding.ok("Dovecot will be installed with apt-get (dovecot-imapd"
                    + (sql.isEmpty() ? "" : " dovecot-pgsql") + ") to serve IMAP on 143 and 993 (--no-imap: not)"));
        }
        return Optional.of(Finding.fail("IMAP needs Dovecot, and this host has neither Dovecot nor apt-get to "
                + "install it: install Dovecot's IMAP server with your package manager (dovecot on Fedora, RHEL, "
                + "Arch, Alpine) and run the installer again, or add --no-imap"));
    }

    private boolean found(String program) {
        return path.stream().anyMatch(directory -> Files.isExecutable(directory.resolve(program)));
    }

    /** The DNS warnings, in system mode for a qualified host name only. */
    public List<Finding> dns(Settings settings) {
        if (dns.isPresent() && !settings.unprivileged() && Names.qualified(settings.hostName())) {
            return dns.get().check(settings.hostName(), settings.domain());
        }
        return List.of();
    }

    private static Finding java() {
        int feature = Runtime.version().feature();
        String where = System.getProperty("java.home");
        return feature >= 21 ? Finding.ok("Java " + Runtime.version() + " (" + where + ")")
                : Finding.fail("Java " + feature + " at " + where + " is too old: the toaster needs 21 or newer "
                        + "(apt install openjdk-21-jre-headless)");
    }

    private Finding root(Settings settings) {
        if (settings.unprivileged()) {
            return Finding.ok("unprivileged install: no root needed, ports above 1024 on 127.0.0.1");
        }
        return uid == 0 ? Finding.ok("running as root")
                : Finding.fail("a system install needs root (it creates the toaster user and binds ports below 1024): "
                        + "run it with sudo, or add --unprivileged for a demo in a directory of your own");
    }

    List<Finding> ports(Settings settings) {
        return new PortCheck(proc).free(settings.listeners().stream()
                .map(listener -> new PortCheck.Port(listener.controlFile(), listener.port())).toList(),
                settings.prefix(), settings.start());
    }

    private static Finding hostName(Settings settings) {
        String name = settings.hostName();
        if (Names.qualified(name)) {
            return Finding.ok("host name " + name);
        }
        String message = "host name \"" + name + "\" is not fully qualified; other servers need a name such as "
                + "mail.example.org: give one with --hostname";
        return settings.unprivileged() ? Finding.warn(message + " (fine for a demo)") : Finding.fail(message);
    }

    static Finding disk(Path prefix) {
        Path existing = prefix;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Finding.fail("no directory of " + prefix + " exists");
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String amount = (free >> 20) + " MB free at " + existing;
            if (free < MIN_FREE_BYTES) {
                return Finding.fail("only " + amount + "; the toaster needs 200 MB, mail needs more: free some space");
            }
            return free < COMFORTABLE_FREE_BYTES ? Finding.warn(amount + ": enough to install, little for mail")
                    : Finding.ok(amount);
        } catch (IOException e) {
            return Finding.warn("cannot tell the free space at " + existing + ": " + e.getMessage());
        }
    }
}
