package org.godshell.toaster.doctor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.ProxySources;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.hostcheck.Finding;

/**
 * Who may relay without logging in, as {@code tcp.smtp} says, so the trust the installer gives loopback is seen
 * and kept on purpose (issue 18 #10). Two cases are worse than seen: a rule that lets everyone relay (an open
 * relay), and loopback relaying while smtpd listens on loopback only outside the demo, which means something on
 * the host (haproxy, an nginx {@code stream}, a port forwarder) carries internet clients to it, every one of
 * them arriving from 127.0.0.1 unless that proxy is listed in {@code control/proxyfrom}.
 */
final class Relaying {

    /** An address no rule written for this host names: what the catch-all rule gives the internet. */
    private static final InetAddress OUTSIDE = address(new byte[] {(byte) 192, 0, 2, 1});
    private static final List<InetAddress> LOOPBACK = List.of(address(new byte[] {127, 0, 0, 1}),
            address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

    private Relaying() {
    }

    static Finding check(Path control, boolean demo) throws ConfigException {
        Controls files = Controls.once(control);
        TcpRules rules = files.get(ControlFiles.TCP_SMTP);
        TcpRules.Rule outside = rules.match(OUTSIDE);
        if (relays(outside)) {
            return Finding.fail("open relay: " + outside.source() + " lets every "
                    + "client relay without logging in (RELAYCLIENT); remove RELAYCLIENT from that rule of "
                    + "control/tcp.smtp");
        }
        List<String> trusted = new ArrayList<>();
        for (InetAddress local : LOOPBACK) {
            TcpRules.Rule rule = rules.match(local);
            if (relays(rule)) {
                trusted.add((local.getAddress().length == 4 ? "127.0.0.1" : "::1") + " (" + rule.source() + ")");
            }
        }
        if (trusted.isEmpty()) {
            return Finding.ok("relaying: only clients that log in (SMTP AUTH) and "
                    + "the addresses tcp.smtp gives RELAYCLIENT");
        }
        ProxySources proxies = files.get(ControlFiles.PROXYFROM);
        boolean proxied = LOOPBACK.stream().anyMatch(proxies::contains);
        if (!demo && !proxied && loopbackOnly(files)) {
            return Finding.warn("smtpd listens on loopback only, so something on "
                    + "this host carries mail to it, and loopback may relay: " + String.join(", ", trusted)
                    + "; if that is a proxy from the internet this is an open relay: list it in control/proxyfrom "
                    + "(PROXY protocol), or install again with --no-loopback-relay (wiki: Security model)");
        }
        return Finding.ok("relaying: clients that log in, and this host without "
                + "logging in: " + String.join(", ", trusted) + " (installer option --no-loopback-relay takes "
                + "it away)");
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);           // only for a length other than 4 or 16
        }
    }

    private static boolean relays(TcpRules.Rule rule) {
        return rule.allow() && rule.variables().containsKey("RELAYCLIENT");
    }

    /** Every SMTP listener binds a loopback address; no listen-smtp at all means port 25 on every address. */
    private static boolean loopbackOnly(Controls files) throws ConfigException {
        List<InetSocketAddress> smtp = new ArrayList<>();
        for (Key<List<InetSocketAddress>> key : List.of(ControlFiles.LISTEN_SMTP, ControlFiles.LISTEN_SUBMISSION,
                ControlFiles.LISTEN_SMTPS)) {
            smtp.addAll(files.get(key));
        }
        return !smtp.isEmpty() && smtp.stream().allMatch(address -> address.getAddress().isLoopbackAddress());
    }
}
