package org.godshell.toaster.spp;

import java.util.List;
import org.godshell.toaster.dns.Dns;

/**
 * The {@code builtin:} plugin kind: checks that run inside the server instead of a process per command, because
 * forking a script for each connection costs more than the DNS lookup it waits for. A line is
 * {@code builtin:NAME [arguments...]}; each built-in behaves exactly as its sample script in {@code plugins/},
 * which stays as the readable version.
 */
final class Builtins implements PluginFactory.Kind {

    static final String PREFIX = "builtin:";
    /** The names a line may use after {@code builtin:}. */
    static final List<String> KNOWN = List.of("rbl", "spf");

    private final Dns dns;

    Builtins(Dns dns) {
        this.dns = dns;
    }

    @Override
    public Plugin parse(String source, String text, String arguments) throws PluginFactory.BadPlugin {
        String[] words = arguments.isEmpty() ? new String[0] : arguments.split("\\s+", 2);
        if (words.length == 0) {
            throw new PluginFactory.BadPlugin("'" + PREFIX + "' names no built-in plugin; write one of "
                    + known() + ", such as builtin:rbl zen.spamhaus.org");
        }
        String rest = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "rbl" -> BuiltinRbl.parse(source, text, rest, dns);
            case "spf" -> BuiltinSpf.parse(source, text, rest, dns);
            default -> throw new PluginFactory.BadPlugin("\"" + Command.printable(words[0]) + "\" is not a built-in "
                    + "plugin; the built-ins are " + known());
        };
    }

    private static String known() {
        return String.join(", ", KNOWN.stream().map(name -> PREFIX + name).toList());
    }
}
