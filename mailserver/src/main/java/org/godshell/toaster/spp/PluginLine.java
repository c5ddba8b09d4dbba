package org.godshell.toaster.spp;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin of an smtpplugins file: a program run directly with no arguments, or (a line starting with
 * {@code :}) a command line the admin wrote, run with {@code /bin/sh -c}.
 *
 * @param source {@code file:line}, for logs and errors
 * @param shell the line started with {@code :}
 * @param command the program's absolute path, or the shell command line
 */
public record PluginLine(String source, boolean shell, String command) {

    /** The process's argument vector; client data never appears here. */
    List<String> argv() {
        return shell ? List.of("/bin/sh", "-c", command) : List.of(command);
    }

    /** A short name for replies and logs: the program's file name (qmail-spp names the plugin in its 451). */
    public String name() {
        String program = shell ? command.strip().split("\\s+", 2)[0] : command;
        Path file = Path.of(program).getFileName();
        return file == null ? program : file.toString();
    }
}
