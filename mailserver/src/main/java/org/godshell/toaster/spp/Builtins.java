package org.godshell.toaster.spp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.filter.rspamd.RspamdClient;
import org.godshell.toaster.users.UserStore;

/**
 * The {@code builtin:} plugin kind: checks that run inside the server instead of a process per command, because
 * forking a script for each connection costs more than the DNS lookup it waits for (or, for chkuser, than
 * the look-up in the user store's cached files). A line is {@code builtin:NAME [arguments...]}; each built-in
 * behaves exactly as its sample script in {@code plugins/}, which stays as the readable version, except
 * {@code builtin:rspamd}, which has no script: it speaks rspamd's HTTP protocol, with kept connections.
 */
final class Builtins implements PluginFactory.Kind {

    static final String PREFIX = "builtin:";
    /** The names a line may use after {@code builtin:}. */
    static final List<String> KNOWN = List.of("rbl", "spf", "chkuser", "rspamd");

    private final Dns dns;
    private final UserStore store;
    private final ValidRcptTo validRcptTo;
    private final BuiltinRspamd.Target rspamd;

    /**
     * {@code home}: the prefix, whose {@code domains/} and {@code control/validrcptto} chkuser reads;
     * {@code rspamd}: where builtin:rspamd asks, with what client and within what time.
     */
    Builtins(Dns dns, Path home, BuiltinRspamd.Target rspamd) {
        this.dns = dns;
        this.store = UserStore.open(home);
        this.validRcptTo = new ValidRcptTo(home);
        this.rspamd = rspamd;
    }

    /** For tests of the other built-ins: builtin:rspamd gets rspamd's default address and a client of its own. */
    Builtins(Dns dns, Path home) {
        this(dns, home, new BuiltinRspamd.Target(new RspamdClient(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 11333), BuiltinSpf.BUDGET));
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
            case "chkuser" -> BuiltinChkuser.parse(source, text, rest, store, validRcptTo);
            case "rspamd" -> BuiltinRspamd.parse(source, text, rest, rspamd, dns);
            default -> throw new PluginFactory.BadPlugin("\"" + Command.printable(words[0]) + "\" is not a built-in "
                    + "plugin; the built-ins are " + known());
        };
    }

    private static String known() {
        return String.join(", ", KNOWN.stream().map(name -> PREFIX + name).toList());
    }
}
