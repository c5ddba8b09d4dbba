package org.godshell.toaster.pop3;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a real client program is on PATH; tests that need one skip without it. */
final class Clients {

    private Clients() {}

    static boolean has(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
