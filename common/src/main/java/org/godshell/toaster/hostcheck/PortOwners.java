package org.godshell.toaster.hostcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a listening socket: the process whose {@code /proc/PID/fd} has a link to {@code socket:[INODE]}, its
 * name from {@code /proc/PID/comm}, and the command that frees the port for the usual mail servers. Without root
 * other users' fds cannot be read: then the holder is unknown, and the message says how to find it.
 */
public final class PortOwners {

    /** A process holding a port. */
    public record Owner(long pid, String name, String commandLine) {}

    /** What to say of a web server on the wiki's ports: it may stay, and carry the wiki. */
    private static final String WEB_SERVER = "a web server: keep it and install with --no-wiki-ports, so that it "
            + "proxies the wiki (wiki page Installation), or stop it: ";

    /** comm of the well-known mail and web daemons, and the fix. */
    private static final Map<String, String> FIXES = Map.ofEntries(
            Map.entry("master", "postfix: systemctl disable --now postfix"),
            Map.entry("exim4", "exim: systemctl disable --now exim4"),
            Map.entry("exim", "exim: systemctl disable --now exim4"),
            Map.entry("sendmail", "sendmail: systemctl disable --now sendmail"),
            Map.entry("dovecot", "dovecot: systemctl disable --now dovecot (or keep it and drop the toaster's POP3)"),
            Map.entry("opensmtpd", "opensmtpd: systemctl disable --now opensmtpd"),
            Map.entry("smtpd", "opensmtpd: systemctl disable --now opensmtpd"),
            Map.entry("tcpserver", "qmail (tcpserver): stop its service, e.g. svc -d /service/qmail-smtpd"),
            Map.entry("nginx", WEB_SERVER + "systemctl disable --now nginx"),
            Map.entry("apache2", WEB_SERVER + "systemctl disable --now apache2"),
            Map.entry("httpd", WEB_SERVER + "systemctl disable --now httpd"),
            Map.entry("caddy", WEB_SERVER + "systemctl disable --now caddy"),
            Map.entry("lighttpd", WEB_SERVER + "systemctl disable --now lighttpd"));

    private final Path proc;

    /** @param proc normally {@code /proc}; tests give a directory laid out the same way */
    public PortOwners(Path proc) {
        this.proc = proc;
    }

    public Optional<Owner> owner(long inode) {
        String wanted = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process.resolve("fd"), wanted)) {
                    return Optional.of(new Owner(Long.parseLong(process.getFileName().toString()),
                            read(process.resolve("comm")), read(process.resolve("cmdline")).replace('\0', ' ').strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path fds, String wanted) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                try {
                    if (Files.readSymbolicLink(link).toString().equals(wanted)) {
                        return true;
                    }
                } catch (IOException e) {
                    continue;                                      // closed meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8).strip();
            return text.replaceAll("[\\p{Cntrl}&&[^\\x00]]", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The toaster daemon of {@code prefix} running as {@code uid}, found by command line alone: reading another
     * user's {@code /proc/PID/fd} needs CAP_SYS_PTRACE, which root lacks in a container, while cmdline and the
     * owner of {@code /proc/PID} stay readable. With the socket's uid from /proc/net/tcp this names the holder.
     */
    public Optional<Owner> toasterRunningAs(int uid, Path prefix) {
        return processes().stream().filter(process -> process.uid() == uid && isToaster(process.owner(), prefix))
                .map(Process::owner).findFirst();
    }

    /** Every process run by {@code uid}: a user cannot be removed while one runs. */
    public List<Owner> runningAs(int uid) {
        return processes().stream().filter(process -> process.uid() == uid).map(Process::owner).toList();
    }

    /** Every toaster daemon of {@code prefix}, whoever runs it. */
    public List<Owner> toastersOf(Path prefix) {
        return processes().stream().filter(process -> isToaster(process.owner(), prefix)).map(Process::owner)
                .toList();
    }

    private record Process(Owner owner, int uid) {}

    /**
     * The live processes of {@code /proc}: one that ends while it is read is skipped, and so is a zombie, which
     * holds nothing and waits only for its parent to reap it (a container's PID 1 may never do so).
     */
    private List<Process> processes() {
        List<Process> found = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (zombie(process)) {
                        continue;
                    }
                    Owner owner = new Owner(Long.parseLong(process.getFileName().toString()),
                            read(process.resolve("comm")), read(process.resolve("cmdline")).replace('\0', ' ').strip());
                    if (Files.getAttribute(process, "unix:uid") instanceof Integer uid) {
                        found.add(new Process(owner, uid));
                    }
                } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                    continue;
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** Whether {@code /proc/PID/stat} says Z (zombie) or X (dead): the state follows the command's closing ")". */
    private static boolean zombie(Path process) throws IOException {
        Path file = process.resolve("stat");
        if (!Files.exists(file)) {
            return false;                                          // a /proc without it (a fixture) has none
        }
        String stat = Files.readString(file, StandardCharsets.US_ASCII);
        int end = stat.lastIndexOf(')');
        return end > 0 && end + 2 < stat.length() && "ZX".indexOf(stat.charAt(end + 2)) >= 0;
    }

    /** Whether the owner is a toaster daemon of {@code prefix} (a rerun finds its own toaster on the ports). */
    public static boolean isToaster(Owner owner, Path prefix) {
        List<String> args = List.of(owner.commandLine().split(" "));
        return args.contains("org.godshell.toaster.cli.Toaster") && args.contains("-Dtoaster.home=" + prefix);
    }

    /** The hint for a holder: how to stop it when it is a known mail server, else how to look at it. */
    public static String fix(Owner owner) {
        String known = FIXES.get(owner.name());
        return known != null ? known : "stop it, or see what it is: ps -p " + owner.pid() + " -o pid,user,args";
    }
}
