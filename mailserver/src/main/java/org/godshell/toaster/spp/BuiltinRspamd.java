package org.godshell.toaster.spp;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.dns.ClientName;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.filter.rspamd.RspamdClient;
import org.godshell.toaster.filter.rspamd.RspamdFailure;
import org.godshell.toaster.filter.rspamd.RspamdRequest;
import org.godshell.toaster.filter.rspamd.RspamdVerdict;

/**
 * {@code builtin:rspamd} in the {@code [body]} section: asks rspamd (at {@code control/rspamd}) about the whole
 * message, {@code SMTPMESSAGEFILE}, and answers with rspamd's action as qmail-spp lines ({@link RspamdAction}).
 * Every client is checked, trusted ones too: rspamd is told the login ({@code User}) and weighs it itself.
 *
 * <p>rspamd is told the client's name as a milter tells it: the name its address's PTR record gives when that
 * name's own records lead back to the address, else the address in brackets. Without a name rspamd 3.x scores
 * every message as from a host without one (HFILTER_HOSTNAME_UNKNOWN); the lookup asks the nameservers of
 * {@code control/dnsservers} within a quarter of {@code spptimeout}, and rspamd gets what remains.
 *
 * <p>It fails, as a plugin that crashed, when rspamd cannot be reached, does not answer within
 * {@code spptimeout}, or answers what is not a verdict: the engine then answers 451, or goes on without the check
 * when the line is {@code failopen:builtin:rspamd}.
 *
 * @param target where rspamd is and how long it may take, from the control files when the plugin file was read
 */
record BuiltinRspamd(String source, String text, Target target, Dns dns) implements Plugin {

    /**
     * The engine's one client (its kept connections outlive a reload of the plugin files), rspamd's address and
     * {@code spptimeout}.
     */
    record Target(RspamdClient client, SocketAddress server, Duration timeout) {}

    static BuiltinRspamd parse(String source, String text, String arguments, Target target, Dns dns)
            throws PluginFactory.BadPlugin {
        if (!arguments.isBlank()) {
            throw new PluginFactory.BadPlugin("builtin:rspamd takes no arguments; write builtin:rspamd, and rspamd's "
                    + "address in control/rspamd");
        }
        return new BuiltinRspamd(source, text, target, dns);
    }

    @Override
    public String name() {
        return "builtin:rspamd";
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        String file = environment.getOrDefault("SMTPMESSAGEFILE", "");
        if (file.isEmpty()) {
            return PluginRun.failed(this, "no SMTPMESSAGEFILE: builtin:rspamd checks whole messages, so it belongs "
                    + "in the [body] section, not [" + section.label() + "]", "", micros(start));
        }
        StringBuilder log = new StringBuilder();
        try {
            String ip = environment.getOrDefault("TCPREMOTEIP", "");
            Optional<String> hostname = hostname(ip, target.timeout().dividedBy(4), log);
            Duration left = target.timeout().minusNanos(System.nanoTime() - start);
            RspamdVerdict verdict = target.client().check(target.server(),
                    request(Path.of(file), environment, hostname), left.isPositive() ? left : Duration.ofMillis(1));
            return new PluginRun(this, RspamdAction.lines(verdict), log + RspamdAction.summary(verdict) + "\n", 0,
                    Optional.empty(), micros(start));
        } catch (RspamdFailure e) {
            return PluginRun.failed(this, e.getMessage(), log.toString(), micros(start));
        } catch (RuntimeException e) {
            // A bug of ours must fail the plugin (451), not the session.
            return PluginRun.failed(this, "internal error: " + e, log.toString(), micros(start));
        }
    }

    /**
     * The client's forward-confirmed name, or its address in brackets when it has none; nothing when the lookup
     * failed (rspamd then looks it up itself) or the address is not an IP literal.
     */
    private Optional<String> hostname(String ip, Duration budget, StringBuilder log) {
        Optional<InetAddress> address = BuiltinSpf.address(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        return switch (ClientName.of(dns, address.get(), budget)) {
            case ClientName.Confirmed confirmed -> Optional.of(confirmed.name());
            case ClientName.Unconfirmed unconfirmed -> Optional.of("[" + ip + "]");
            case ClientName.Temporary temporary -> {
                log.append("rspamd: the client's name is unknown for now (").append(temporary.reason())
                        .append("); rspamd looks it up itself\n");
                yield Optional.empty();
            }
        };
    }

    /** The envelope as the session's variables give it; SMTPRCPTTOALL holds one recipient a line. */
    static RspamdRequest request(Path message, Map<String, String> env, Optional<String> hostname) {
        List<String> recipients = Arrays.stream(env.getOrDefault("SMTPRCPTTOALL", "").split("\n"))
                .filter(recipient -> !recipient.isEmpty()).toList();
        return new RspamdRequest(message, env.getOrDefault("SMTPMAILFROM", ""), recipients,
                env.getOrDefault("TCPREMOTEIP", ""), hostname, env.getOrDefault("SMTPHELOHOST", ""),
                Optional.ofNullable(env.get("SMTPAUTHUSER")).filter(user -> !user.isEmpty()));
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
