package org.godshell.toaster.spp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A long-running plugin ({@code persistent:plugins/name}): a program started once and asked once per command
 * over its stdin and stdout, so a command costs a pipe round trip, not a fork. The request is the section and
 * the session's variables as {@code NAME=value} lines and an empty line; the answer is qmail-spp output lines
 * and an empty line. Fails as any plugin (451): no answer in {@code spptimeout} (the process is killed and
 * started again at the next request), a process that dies, garbage, too much output.
 *
 * @param source {@code file:line}
 * @param text the line as written
 */
record PersistentPlugin(String source, String text, Path program, LongRunningProcess process, Duration timeout)
        implements Plugin {

    /** The variable whose value is lines (qmail-spp.md has none; the [body] section adds it). */
    static final String LINES = "SMTPRCPTTOALL";

    /** Checks the program as for a qmail-spp line: relative paths are taken from the prefix. */
    static Path program(Path home, String path) throws PluginFactory.BadPlugin {
        Path program = home.resolve(path).normalize();
        if (path.isEmpty() || !Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new PluginFactory.BadPlugin(program + " is not an executable file; write "
                    + "persistent:plugins/name with the program installed there and chmod 755");
        }
        return program;
    }

    @Override
    public String name() {
        Path file = program.getFileName();
        return file == null ? program.toString() : file.toString();
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        try {
            return new PluginRun(this, process.ask(request(section, environment), timeout), process.takeStderr(),
                    0, Optional.empty(), micros(start));
        } catch (LongRunningProcess.Failure e) {
            return PluginRun.failed(this, e.getMessage(), process.takeStderr(), micros(start));
        }
    }

    /**
     * {@code SPPSECTION=rcpt}, then the session's variables. A value with a control character is refused, not
     * cleaned: a newline in it would end the variable and let a client write the next ones itself. The one
     * variable made of lines, {@code SMTPRCPTTOALL} (in [body]: the recipients, one per line), is sent as one
     * {@code SMTPRCPTTOALL=address} line per recipient, in RCPT order.
     */
    static String request(Section section, Map<String, String> environment) throws LongRunningProcess.Failure {
        StringBuilder request = new StringBuilder("SPPSECTION=").append(section.label()).append('\n');
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            List<String> values = name.equals(LINES) ? List.of(variable.getValue().split("\n"))
                    : List.of(variable.getValue());
            for (String value : values) {
                if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || !name.matches("[A-Za-z_]\\w*")) {
                    throw new LongRunningProcess.Failure("control character in " + Command.printable(name)
                            + "; not sent");
                }
                request.append(name).append('=').append(value).append('\n');
            }
        }
        return request.append('\n').toString();
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
