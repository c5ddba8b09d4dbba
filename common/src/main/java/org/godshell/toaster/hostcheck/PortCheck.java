package org.godshell.toaster.hostcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who listens on a toaster's ports, from {@code /proc/net/tcp} and {@code tcp6}: before an install each must be
 * free or already this toaster's; on an installed toaster each must be held by it (a free one means a daemon is
 * down).
 *
 * @param proc {@code /proc}, or a fixture laid out the same way in tests
 */
public record PortCheck(Path proc) {

    /** One port a toaster listens on and the control file that says so ({@code listen-smtp}, ...). */
    public record Port(String controlFile, int port) {}

    /** The check of this host. */
    public static PortCheck ofThisHost() {
        return new PortCheck(Path.of("/proc"));
    }

    /**
     * Before an install: a port held by another program fails when the toaster is to be started, else warns
     * (installing without starting can go on; the toaster only needs the port when it starts).
     */
    public List<Finding> free(List<Port> ports, Path prefix, boolean starting) {
        return scan(ports, prefix, false, starting);
    }

    /** On an installed toaster: every port must be this toaster's. */
    public List<Finding> serving(List<Port> ports, Path prefix) {
        return scan(ports, prefix, true, true);
    }

    private List<Finding> scan(List<Port> ports, Path prefix, boolean installed, boolean starting) {
        List<ProcNetTcp.Listening> listening = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                listening.addAll(ProcNetTcp.parse(Files.readString(proc.resolve(table), StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                continue;                                          // no IPv6 on this host, or no /proc: nothing held
            }
        }
        PortOwners owners = new PortOwners(proc);
        List<Finding> findings = new ArrayList<>();
        for (Port wanted : ports) {
            int port = wanted.port();
            Optional<ProcNetTcp.Listening> held = listening.stream().filter(s -> s.port() == port).findFirst();
            if (held.isEmpty()) {
                findings.add(installed ? Finding.fail("nothing listens on port " + port + " (" + wanted.controlFile()
                        + "): start the toaster, see the services above") : Finding.ok("port " + port + " is free"));
                continue;
            }
            Optional<PortOwners.Owner> owner = owners.owner(held.get().inode())
                    .or(() -> owners.toasterRunningAs(held.get().uid(), prefix));
            if (owner.isPresent() && PortOwners.isToaster(owner.get(), prefix)) {
                findings.add(Finding.ok("port " + port + " is this toaster's (pid " + owner.get().pid() + ")"));
            } else {
                String message = owner.map(o -> o.name() + " (pid " + o.pid() + ") holds port " + port + ": "
                        + PortOwners.fix(o)).orElse("port " + port + " is held by a process this user cannot see; "
                        + "find it with: ss -ltnp 'sport = :" + port + "' (as root), and stop it");
                findings.add(starting ? Finding.fail(message)
                        : Finding.warn(message + " (the toaster will not start until it is free)"));
            }
        }
        return findings;
    }
}
