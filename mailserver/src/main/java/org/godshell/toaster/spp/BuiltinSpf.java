package org.godshell.toaster.spp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.spf.Spf;
import org.godshell.toaster.spf.SpfResult;
import org.godshell.toaster.spf.SpfVerdict;

/**
 * {@code builtin:spf [softfail=reject] [permerror=reject]}: the SPF check (RFC 7208) of the sample script
 * {@code plugins/spf}, in-process. At {@code [mail]} it checks the MAIL FROM identity ({@code postmaster@HELO}
 * for {@code <>}, §2.4), at {@code [helo]} the HELO identity (§2.3); elsewhere it does nothing.
 *
 * <p>Replies use RFC 7372's codes: {@code fail} refuses with 550 5.7.23, {@code temperror} defers with 451 4.4.3;
 * {@code softfail} and {@code permerror} refuse only when the line asks for it (§8.5: softfail is "should not
 * reject outright"; §8.7: permerror is the publisher's mistake, and refusing punishes the sender for it).
 * Every checked command also gets a Received-SPF header (§9.1). Trusted clients ({@code RELAYCLIENT} set, or
 * {@code SMTPAUTHUSER} not empty) are not checked: SPF is about who may send for a domain from outside.
 */
record BuiltinSpf(String source, String text, Spf spf, boolean rejectSoftfail, boolean rejectPermerror)
        implements Plugin {

    /** The default of {@code spptimeout}: the longest a plugin may hold a command. */
    static final Duration BUDGET = Duration.ofSeconds(10);

    static BuiltinSpf parse(String source, String text, String arguments, Dns dns) throws PluginFactory.BadPlugin {
        boolean softfail = false;
        boolean permerror = false;
        for (String word : BuiltinRbl.split(arguments)) {
            switch (word) {
                case "softfail=reject" -> softfail = true;
                case "permerror=reject" -> permerror = true;
                default -> throw new PluginFactory.BadPlugin("\"" + Command.printable(word) + "\" is not an "
                        + "argument of builtin:spf; write builtin:spf, optionally with softfail=reject or "
                        + "permerror=reject");
            }
        }
        return new BuiltinSpf(source, text, new Spf(dns, BUDGET), softfail, permerror);
    }

    @Override
    public String name() {
        return "builtin:spf";
    }

    /**
     * Only [body] is refused: elsewhere it has always passed silently, and files that rely on that keep
     * loading. The server checks SPF of every message from outside anyway; [body] plugins read it in
     * {@code SMTPSPF}.
     */
    @Override
    public Optional<String> uselessIn(Section section) {
        return section == Section.BODY ? Optional.of("builtin:spf checks at [mail] and [helo]; after the final "
                + "dot the server's own SPF result is in SMTPSPF: put the line in [mail]") : Optional.empty();
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        List<String> log = new ArrayList<>();
        try {
            List<String> lines = check(section, environment, log);
            return new PluginRun(this, lines, String.join("", log.stream().map(l -> l + "\n").toList()), 0,
                    Optional.empty(), (System.nanoTime() - start) / 1000);
        } catch (RuntimeException e) {
            return PluginRun.failed(this, "internal error: " + e, String.join("\n", log),
                    (System.nanoTime() - start) / 1000);
        }
    }

    private List<String> check(Section section, Map<String, String> env, List<String> log) {
        if (env.containsKey("RELAYCLIENT") || !env.getOrDefault("SMTPAUTHUSER", "").isEmpty()
                || (section != Section.MAIL && section != Section.HELO)) {
            return List.of();
        }
        Optional<InetAddress> ip = address(env.getOrDefault("TCPREMOTEIP", ""));
        if (ip.isEmpty()) {
            log.add("spf: no usable TCPREMOTEIP, not checked");
            return List.of();
        }
        String helo = env.getOrDefault("SMTPHELOHOST", "");
        SpfVerdict verdict = section == Section.MAIL
                ? spf.mailFrom(ip.get(), env.getOrDefault("SMTPMAILFROM", ""), helo)
                : spf.helo(ip.get(), helo);
        log.add("spf: " + verdict.result().word() + " for " + verdict.identity() + " " + verdict.sender() + ": "
                + verdict.explanation());
        String receiver = env.getOrDefault("TCPLOCALHOST", env.getOrDefault("TCPLOCALIP", "localhost"));
        List<String> lines = new ArrayList<>();
        lines.add("H" + verdict.receivedSpf(receiver));
        refusal(verdict).ifPresent(lines::add);
        return lines;
    }

    /** The E line for a verdict that refuses, per the table in the class comment. */
    Optional<String> refusal(SpfVerdict verdict) {
        String domain = verdict.domain();
        String ip = verdict.address();
        SpfResult result = verdict.result();
        if (result == SpfResult.FAIL || (result == SpfResult.SOFTFAIL && rejectSoftfail)) {
            return Optional.of("E550 5.7.23 SPF " + result.word() + ": " + domain + " does not designate " + ip
                    + " as permitted sender (#5.7.23)");
        }
        if (result == SpfResult.TEMPERROR) {
            return Optional.of("E451 4.4.3 SPF temporary error for " + domain + " (#4.4.3)");
        }
        if (result == SpfResult.PERMERROR && rejectPermerror) {
            return Optional.of("E550 5.7.24 SPF permanent error for " + domain + ": its SPF record is broken "
                    + "(#5.7.24)");
        }
        return Optional.empty();
    }

    /** An IP literal only: never a name, which would mean a DNS lookup. */
    static Optional<InetAddress> address(String text) {
        if (text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
