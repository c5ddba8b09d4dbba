package org.godshell.toaster.spp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * {@code builtin:chkuser}: the sample script {@code plugins/chkuser} in Java, the same verdicts and texts (read
 * the script for the reasons), at {@code [rcpt]} only: relaying refused for untrusted clients; for a virtual
 * domain, the recipient asked of {@link UserStore#route} (a user, alias, plus-address or catch-all is accepted,
 * nobody is {@code 550 5.1.1}, a store that cannot be read {@code 451 4.3.0}); for the other local domains,
 * {@code control/validrcptto} ({@link ValidRcptTo}). {@code postmaster}, {@code postmaster+tag} and the bare
 * {@code <postmaster>} are always accepted (RFC 5321 §4.5.1).
 *
 * <p>One difference, on the safe side: an alias line the store cannot use defers its name's mail here (451,
 * as delivery would), where the script, which reads names only, accepts it and leaves the deferral to delivery.
 */
record BuiltinChkuser(String source, String text, UserStore store, ValidRcptTo validRcptTo) implements Plugin {

    static final String RELAY = "E553 5.7.1 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)";
    static final String NO_MAILBOX = "E550 5.1.1 sorry, no mailbox here by that name (#5.1.1)";
    static final String UNREADABLE = "E451 4.3.0 temporary problem checking recipients, please try again later"
            + " (#4.3.0)";

    static BuiltinChkuser parse(String source, String text, String arguments, UserStore store, ValidRcptTo list)
            throws PluginFactory.BadPlugin {
        if (!arguments.isEmpty()) {
            throw new PluginFactory.BadPlugin("builtin:chkuser takes no arguments (CHKUSER_VALIDRCPTTO in"
                    + " control/tcp.smtp names another validrcptto); write builtin:chkuser alone");
        }
        return new BuiltinChkuser(source, text, store, list);
    }

    @Override
    public String name() {
        return "builtin:chkuser";
    }

    /** Only [body] is refused: elsewhere it has always passed silently, and files that rely on that keep loading. */
    @Override
    public Optional<String> uselessIn(Section section) {
        return section == Section.BODY ? Optional.of("builtin:chkuser checks each recipient at [rcpt]; put the "
                + "line there") : Optional.empty();
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        List<String> log = new ArrayList<>();
        try {
            List<String> lines = section == Section.RCPT ? check(environment, log) : List.of();
            return new PluginRun(this, lines, String.join("", log.stream().map(l -> l + "\n").toList()), 0,
                    Optional.empty(), (System.nanoTime() - start) / 1000);
        } catch (RuntimeException e) {
            return PluginRun.failed(this, "internal error: " + e, String.join("\n", log),
                    (System.nanoTime() - start) / 1000);
        }
    }

    private List<String> check(Map<String, String> env, List<String> log) {
        String hostsOk = env.getOrDefault("SMTPRCPTHOSTSOK", "");
        if (hostsOk.equals("0") && !env.containsKey("RELAYCLIENT") && env.getOrDefault("SMTPAUTHUSER", "").isEmpty()) {
            return List.of(RELAY);
        }
        String rcpt = env.getOrDefault("SMTPRCPTTO", "");
        if (!hostsOk.equals("1") || rcpt.indexOf('@') < 0) {
            return List.of();
        }
        String address = ValidRcptTo.lower(rcpt);
        String local = address.substring(0, address.lastIndexOf('@'));
        int plus = local.indexOf('+');
        if ((plus < 0 ? local : local.substring(0, plus)).equals("postmaster")) {
            return List.of();
        }
        Route route;
        try {
            route = store.route(rcpt);
        } catch (UserStoreException e) {
            log.add("chkuser: " + e.getMessage() + "; recipients refused temporarily");
            return List.of(UNREADABLE);
        }
        return switch (route) {
            case Route.Mailbox mailbox -> List.of();
            case Route.Relay relay -> List.of();
            case Route.Forward forward -> List.of();
            case Route.NoSuchUser nobody -> List.of(NO_MAILBOX);
            case Route.NotLocal other -> switch (validRcptTo.check(address, env.get("CHKUSER_VALIDRCPTTO"))) {
                case KNOWN, UNCHECKED -> List.<String>of();
                case UNKNOWN -> List.of(NO_MAILBOX);
                case UNREADABLE -> {
                    log.add("chkuser: cannot read " + validRcptTo.file(env.get("CHKUSER_VALIDRCPTTO"))
                            + "; recipients refused temporarily");
                    yield List.of(UNREADABLE);
                }
            };
        };
    }
}
