package org.godshell.toaster.hostcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fixture /proc: a process with its name, command line and sockets, as {@link PortOwners} reads them. */
public final class FakeProc {

    private FakeProc() {
    }

    /** The process {@code pid}, its words of {@code cmdline} split at spaces, holding {@code sockets} from fd 3 on. */
    public static void process(Path proc, long pid, String comm, String cmdline, long... sockets) throws IOException {
        Path fd = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
        Files.writeString(fd.getParent().resolve("comm"), comm + "\n");
        Files.writeString(fd.getParent().resolve("cmdline"), cmdline.replace(' ', '\0'));
        for (int i = 0; i < sockets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(3 + i)), Path.of("socket:[" + sockets[i] + "]"));
        }
    }
}
