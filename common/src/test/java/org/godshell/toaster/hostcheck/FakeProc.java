package org.godshell.toaster.hostcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fixture /proc: a process with its name, command line and one socket, as {@link PortOwners} reads them. */
public final class FakeProc {

    private FakeProc() {
    }

    public static void process(Path proc, long pid, String comm, String cmdline, long socket) throws IOException {
        Path fd = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
        Files.writeString(fd.getParent().resolve("comm"), comm + "\n");
        Files.writeString(fd.getParent().resolve("cmdline"), cmdline.replace(' ', '\0'));
        Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[" + socket + "]"));
    }
}
