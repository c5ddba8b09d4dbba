package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A /proc laid out in a temporary directory: the fd links are plain symbolic links to "socket:[INODE]". */
class PortOwnersTest {

    @TempDir
    Path proc;

    private void process(long pid, String comm, String cmdline, long... sockets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
        Files.writeString(dir.getParent().resolve("comm"), comm + "\n");
        Files.writeString(dir.getParent().resolve("cmdline"), cmdline.replace(' ', '\0'));
        Files.createSymbolicLink(dir.resolve("0"), Path.of("/dev/null"));
        for (int i = 0; i < sockets.length; i++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(i + 3)), Path.of("socket:[" + sockets[i] + "]"));
        }
    }

    @Test
    void namesPostfixAndSaysHowToStopIt() throws IOException {
        process(100, "bash", "bash", 1);
        process(812, "master", "/usr/lib/postfix/sbin/master -w", 31337, 31338);
        Optional<PortOwners.Owner> owner = new PortOwners(proc).owner(31338);
        assertEquals(812, owner.orElseThrow().pid());
        assertEquals("postfix: systemctl disable --now postfix", PortOwners.fix(owner.get()));
        assertTrue(new PortOwners(proc).owner(9).isEmpty());
    }

    @Test
    void aWebServerOnTheWikisPortsMayStayAndCarryTheWiki() throws IOException {
        process(1130, "nginx", "nginx: master process /usr/sbin/nginx", 80);
        PortOwners.Owner owner = new PortOwners(proc).owner(80).orElseThrow();
        assertEquals("a web server: keep it and install with --no-wiki-ports, so that it proxies the wiki (wiki page "
                + "Installation), or stop it: systemctl disable --now nginx", PortOwners.fix(owner));
    }

    @Test
    void anUnknownHolderGetsAWayToLookAtIt() throws IOException {
        process(77, "nc\u001b[31m", "nc -l 25", 5);
        PortOwners.Owner owner = new PortOwners(proc).owner(5).orElseThrow();
        assertFalse(owner.name().contains("\u001b"), "control characters from /proc are not echoed");
        assertEquals("stop it, or see what it is: ps -p 77 -o pid,user,args", PortOwners.fix(owner));
    }

    @Test
    void thisToasterIsRecognisedByItsCommandLine() throws IOException {
        process(900, "java", "/usr/bin/java -Djdk.console=java.base -Dtoaster.home=/opt/toaster -cp /opt/toaster/lib/*"
                + " org.godshell.toaster.cli.Toaster smtpd", 42);
        PortOwners owners = new PortOwners(proc);
        PortOwners.Owner owner = owners.owner(42).orElseThrow();
        assertTrue(PortOwners.isToaster(owner, Path.of("/opt/toaster")));
        assertFalse(PortOwners.isToaster(owner, Path.of("/opt/other")), "another prefix's toaster is not ours");
        int uid = (Integer) Files.getAttribute(proc.resolve("900"), "unix:uid");
        assertEquals(900, owners.toasterRunningAs(uid, Path.of("/opt/toaster")).orElseThrow().pid());
        assertTrue(owners.toasterRunningAs(uid + 1, Path.of("/opt/toaster")).isEmpty());
        assertEquals(List.of(900L), owners.toastersOf(Path.of("/opt/toaster")).stream().map(PortOwners.Owner::pid)
                .toList());
        assertEquals(List.of(900L), owners.runningAs(uid).stream().map(PortOwners.Owner::pid).toList());
    }

    @Test
    void aZombieRunsNothing() throws IOException {
        process(903, "java", "java -Dtoaster.home=/opt/toaster org.godshell.toaster.cli.Toaster smtpd", 45);
        process(904, "java", "", 46);
        Files.writeString(proc.resolve("903/stat"), "903 (java) S 1 903 903 0 -1 4194560\n");
        Files.writeString(proc.resolve("904/stat"), "904 (ja) va) Z 1 904 904 0 -1 4227076\n");
        int uid = (Integer) Files.getAttribute(proc.resolve("903"), "unix:uid");
        assertEquals(List.of(903L), new PortOwners(proc).runningAs(uid).stream().map(PortOwners.Owner::pid).toList(),
                "an exited daemon its parent has not reaped is gone");
    }

    @Test
    void aCommandLineThatRepeatsAWordIsReadLikeAnyOther() throws IOException {
        process(901, "sleep", "sleep 0 0", 43);
        process(902, "java", "java -Dtoaster.home=/opt/toaster -Dtoaster.home=/opt/toaster "
                + "org.godshell.toaster.cli.Toaster pop3d", 44);
        PortOwners owners = new PortOwners(proc);
        assertEquals(List.of(902L), owners.toastersOf(Path.of("/opt/toaster")).stream()
                .map(PortOwners.Owner::pid).toList());
    }
}
