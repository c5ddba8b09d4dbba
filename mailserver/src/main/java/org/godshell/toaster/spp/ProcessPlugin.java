package org.godshell.toaster.spp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * qmail-spp's plugin: a program run directly with no arguments, or (a line starting with {@code :}) a command
 * line the admin wrote, run with {@code /bin/sh -c}; a new process for every command.
 *
 * @param source {@code file:line}
 * @param text the line as written
 * @param shell the line started with {@code :}
 * @param command the program's absolute path, or the shell command line
 */
public record ProcessPlugin(String source, String text, boolean shell, String command, PluginRunner runner)
        implements Plugin {

    /** The process's argument vector; client data never appears here. */
    List<String> argv() {
        return shell ? List.of("/bin/sh", "-c", command) : List.of(command);
    }

    @Override
    public String name() {
        String program = shell ? command.strip().split("\\s+", 2)[0] : command;
        Path file = Path.of(program).getFileName();
        return file == null ? program : file.toString();
    }

    /** In [body], the message is its stdin (read from {@code SMTPMESSAGEFILE}); elsewhere {@code /dev/null}. */
    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        Optional<Path> message = section == Section.BODY
                ? Optional.ofNullable(environment.get("SMTPMESSAGEFILE")).map(Path::of) : Optional.empty();
        return runner.run(this, environment, message);
    }
}
