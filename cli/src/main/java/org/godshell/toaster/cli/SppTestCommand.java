package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;
import org.godshell.toaster.spp.SppEngine;
import org.godshell.toaster.spp.SppSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster spp test}: runs the configured plugins for a made-up session, as the server would (same rule,
 * same file, same environment, same order), and prints each plugin's output, stderr and exit, and each
 * command's verdict; with {@code --message}, the {@code [body]} section over a file ({@link SppTestMessage}).
 * Nothing is sent anywhere and nothing is queued; the plugins themselves do run.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the plugins for a simulated session and show what each printed and what was decided.",
            "With --message, also run [body] over a message file; the server's own checks (DKIM, SPF, DMARC) do "
                + "not run then, so SMTPSPF and the other verdict variables are not set."})
final class SppTestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--ip", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The client's IP address (default: ${DEFAULT-VALUE}); it picks the tcp.smtp rule.")
    private String ip;

    @Option(names = "--helo", paramLabel = "NAME", description = "What the client says at HELO.")
    private String helo;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "The envelope sender (MAIL FROM); '' for <>.")
    private String from;

    @Option(names = "--rcpt", paramLabel = "ADDRESS", description = "A recipient (RCPT TO); repeat for several.")
    private List<String> recipients = new ArrayList<>();

    @Option(names = "--data", description = "Also run the [data] plugins, after the recipients.")
    private boolean data;

    @Option(names = "--message", paramLabel = "FILE", description = "Then send FILE as the message (needs --from "
            + "and an accepted --rcpt) and run the [body] plugins over it, without the server's DKIM, SPF and "
            + "DMARC checks.")
    private Path message;

    /** The recipients the simulated session got accepted, in order: SMTPRCPTTOALL. */
    private final List<String> accepted = new ArrayList<>();

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress client;
        try {
            if (!ip.matches("[0-9a-fA-F:.]+")) {
                throw new UnknownHostException(ip);
            }
            client = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            err.println("toaster spp test: --ip " + ip + " is not an IP address");
            return 2;
        }
        if (message != null && (from == null || recipients.isEmpty())) {
            err.println("toaster spp test: --message needs --from and at least one --rcpt: a message has a sender "
                    + "and recipients");
            return 2;
        }
        Optional<String> unusable = message == null ? Optional.empty() : SppTestMessage.problem(message);
        if (unusable.isPresent()) {
            err.println("toaster spp test: --message " + unusable.get());
            return 2;
        }
        try {
            SmtpConfig config = SmtpConfig.load(prefix.control());
            SppEngine engine = SppEngine.load(prefix.prefix(), config.rules(), line -> { });
            TcpRules.Rule rule = config.rules().match(client);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PROTO", "TCP");
            env.put("TCPREMOTEIP", client.getHostAddress());
            env.put("TCPLOCALIP", "127.0.0.1");
            env.putAll(rule.variables());
            out.println("client " + client.getHostAddress() + ": tcp.smtp rule " + rule.source() + " "
                    + (rule.allow() ? "allows" : "denies") + ", variables " + rule.variables());
            out.println("plugin file: " + engine.fileFor(env).map(Object::toString).orElse("none (NOSPP)"));
            if (!rule.allow()) {
                out.println("=> the server refuses this client before any plugin runs");
                return 0;
            }
            SppSession spp = engine.open(env, this::pluginLine);
            return simulate(config, spp, env) ? 0 : 1;
        } catch (ConfigException e) {
            err.println("toaster spp test: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("toaster spp test: cannot read the message: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The session in the server's order; false when the simulated client was refused along the way, or its
     * message was.
     */
    private boolean simulate(SmtpConfig config, SppSession spp, Map<String, String> env) throws IOException {
        if (step("connect", spp, Section.CONNECTION).isEmpty()) {
            return false;
        }
        if (helo != null) {
            env.put("SMTPHELOHOST", helo);
            if (step("HELO " + helo, spp, Section.HELO).isEmpty()) {
                return false;
            }
        }
        if (from == null) {
            return true;
        }
        env.put("SMTPMAILFROM", from);
        env.put("SMTPRCPTCOUNT", "0");
        env.put("SMTPRCPTCOUNTALL", "0");
        if (step("MAIL FROM:<" + from + ">", spp, Section.MAIL).isEmpty()) {
            return false;
        }
        for (int i = 0; i < recipients.size(); i++) {
            String rcpt = recipients.get(i);
            env.put("SMTPRCPTTO", rcpt);
            env.put("SMTPRCPTCOUNT", Integer.toString(accepted.size()));
            env.put("SMTPRCPTCOUNTALL", Integer.toString(i + 1));
            env.put("SMTPRCPTHOSTSOK", hostsOk(config, env, rcpt) ? "1" : "0");
            Optional<HookResult.Proceed> proceed = step("RCPT TO:<" + rcpt + ">", spp, Section.RCPT);
            if (proceed.isPresent() && (env.get("SMTPRCPTHOSTSOK").equals("1") || proceed.get().skipChecks())) {
                accepted.add(proceed.get().address().orElse(rcpt));
            } else if (proceed.isPresent()) {
                out.println("  => then refused by the server's rcpthosts check: "
                        + Replies.NOT_IN_RCPTHOSTS.toWire(true).strip());
            }
        }
        if (message == null) {
            if (data) {
                step("DATA", spp, Section.DATA);
            }
            return true;
        }
        if (accepted.isEmpty()) {
            out.println("=> no recipient accepted: there is no message for the [body] plugins");
            return false;
        }
        return step("DATA", spp, Section.DATA).isPresent()
                && SppTestMessage.run(out, spp, config.databytes(), message, List.copyOf(accepted));
    }

    private static boolean hostsOk(SmtpConfig config, Map<String, String> env, String rcpt) {
        try {
            Mailbox mailbox = PathParser.parseRcpt("TO:<" + rcpt + ">", true).recipient();
            return mailbox.domain().isEmpty() || env.containsKey("RELAYCLIENT")
                    || config.acceptsDomain(mailbox.domain());
        } catch (PathException e) {
            return false;
        }
    }

    /**
     * One command: an earlier L line's refusal if there is one (then no plugin runs, as in the server), else the
     * section's plugins; prints what was decided. Present when the command would go on to the server's own
     * checks.
     */
    private Optional<HookResult.Proceed> step(String command, SppSession spp, Section section) {
        out.println(command);
        Optional<Reply> later = section == Section.CONNECTION || section == Section.HELO ? Optional.empty()
                : spp.laterRefusal(section);
        if (later.isPresent()) {
            out.println("  => refused by an earlier L line: " + later.get().toWire(false).strip());
            return Optional.empty();
        }
        HookResult result = spp.run(section);
        String text = switch (result) {
            case HookResult.Proceed proceed -> "go on" + (proceed.skipChecks() ? ", skipping the server's own check" : "")
                    + proceed.address().map(a -> ", address changed to <" + a + ">").orElse("");
            case HookResult.Refuse refuse -> "refused: " + refuse.reply().toWire(false).strip();
            case HookResult.Close close -> "refused and disconnected: " + close.reply().toWire(false).strip();
            case HookResult.Drop drop -> "disconnected without a reply";
        };
        out.println("  => " + text);
        return result instanceof HookResult.Proceed proceed ? Optional.of(proceed) : Optional.empty();
    }

    private void pluginLine(String line) {
        out.println("  " + line);
    }
}
