package org.godshell.toaster.installer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the host the installer runs on. */
final class Host {

    /** Where the kernel tells who listens on which port and which processes run. */
    static final Path PROC = Path.of("/proc");

    private Host() {
    }

    /** The java running the installer: the services run with the same one. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The host's name as the system knows it: the default of --hostname. */
    static String systemHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException io) {
                return "localhost";
            }
        }
    }
}
