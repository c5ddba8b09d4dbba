package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * command's verdict. Nothing is sent anywhere and nothing is queued; the plugins themselves do run.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the plugins for a simulated session and show what each printed and what was decided.")
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
        }
    }

    /** The session in the server's order; false when the simulated client was refused along the way. */
    private boolean simulate(SmtpConfig config, SppSession spp, Map<String, String> env) {
        if (!step("connect", spp, Section.CONNECTION)) {
            return false;
        }
        if (helo != null) {
            env.put("SMTPHELOHOST", helo);
            if (!step("HELO " + helo, spp, Section.HELO)) {
                return false;
            }
        }
        if (from == null) {
            return true;
        }
        env.put("SMTPMAILFROM", from);
        env.put("SMTPRCPTCOUNT", "0");
        env.put("SMTPRCPTCOUNTALL", "0");
        if (!step("MAIL FROM:<" + from + ">", spp, Section.MAIL)) {
            return false;
        }
        int accepted = 0;
        for (int i = 0; i < recipients.size(); i++) {
            String rcpt = recipients.get(i);
            env.put("SMTPRCPTTO", rcpt);
            env.put("SMTPRCPTCOUNT", Integer.toString(accepted));
            env.put("SMTPRCPTCOUNTALL", Integer.toString(i + 1));
            env.put("SMTPRCPTHOSTSOK", hostsOk(config, env, rcpt) ? "1" : "0");
            if (step("RCPT TO:<" + rcpt + ">", spp, Section.RCPT)) {
                accepted++;
            }
        }
        if (data) {
            step("DATA", spp, Section.DATA);
        }
        return true;
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
     * section's plugins; prints what was decided. True when the command would go on to the server's own checks.
     */
    private boolean step(String command, SppSession spp, Section section) {
        out.println(command);
        Optional<Reply> later = section == Section.CONNECTION || section == Section.HELO ? Optional.empty()
                : spp.laterRefusal(section);
        if (later.isPresent()) {
            out.println("  => refused by an earlier L line: " + later.get().toWire(false).strip());
            return false;
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
        return result instanceof HookResult.Proceed;
    }

    private void pluginLine(String line) {
        out.println("  " + line);
    }
}
