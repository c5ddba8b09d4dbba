package org.godshell.toaster.spp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.godshell.toaster.config.ClamdAddress;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.filter.rspamd.RspamdClient;
import org.godshell.toaster.users.UserStore;

/**
 * The {@code builtin:} plugin kind: checks that run inside the server instead of a process per command, because
 * forking a script for each connection costs more than the DNS lookup it waits for (or, for chkuser, than
 * the look-up in the user store's cached files). A line is {@code builtin:NAME [arguments...]}; each built-in
 * behaves exactly as its sample script in {@code plugins/}, which stays as the readable version, except
 * {@code builtin:clamav} and {@code builtin:rspamd}, which have none: they speak clamd's own protocol
 * ({@link org.godshell.toaster.filter.clamav}) and rspamd's HTTP one, where a script would fork a client per
 * message.
 */
final class Builtins implements PluginFactory.Kind {

    static final String PREFIX = "builtin:";
    /** The names a line may use after {@code builtin:}. */
    static final List<String> KNOWN = List.of("rbl", "spf", "chkuser", "clamav", "rspamd");

    private final Dns dns;
    private final UserStore store;
    private final ValidRcptTo validRcptTo;
    private final Duration timeout;
    private final Supplier<SocketAddress> clamd;
    private final BuiltinRspamd.Target rspamd;

    /**
     * For tests of the other built-ins: the default timeout, clamd's and rspamd's default addresses, and an
     * rspamd client of its own.
     */
    Builtins(Dns dns, Path home) {
        this(dns, home, Duration.ofSeconds(SppEngine.DEFAULT_TIMEOUT_SECONDS), () -> ClamdAddress.DEFAULT,
                new BuiltinRspamd.Target(new RspamdClient(), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        11333), BuiltinSpf.BUDGET));
    }

    /**
     * {@code home}: the prefix, whose {@code domains/} and {@code control/validrcptto} chkuser reads;
     * {@code timeout}: {@code spptimeout}, for the clamav scan; {@code clamd}: {@code control/clamd} as it is now;
     * {@code rspamd}: where builtin:rspamd asks, with what client and within what time.
     */
    Builtins(Dns dns, Path home, Duration timeout, Supplier<SocketAddress> clamd, BuiltinRspamd.Target rspamd) {
        this.dns = dns;
        this.store = UserStore.open(home);
        this.validRcptTo = new ValidRcptTo(home);
        this.timeout = timeout;
        this.clamd = clamd;
        this.rspamd = rspamd;
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
            case "clamav" -> BuiltinClamav.parse(source, text, rest, clamd, timeout);
            case "rspamd" -> BuiltinRspamd.parse(source, text, rest, rspamd, dns);
            default -> throw new PluginFactory.BadPlugin("\"" + Command.printable(words[0]) + "\" is not a built-in "
                    + "plugin; the built-ins are " + known());
        };
    }

    private static String known() {
        return String.join(", ", KNOWN.stream().map(name -> PREFIX + name).toList());
    }
}
