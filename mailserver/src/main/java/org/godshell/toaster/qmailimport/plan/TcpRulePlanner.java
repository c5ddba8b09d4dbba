package org.godshell.toaster.qmailimport.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.TcpSmtpSource;
import org.godshell.toaster.qmailimport.oldhost.OldToaster;

/**
 * The old tcp.smtp rules appended to the toaster's {@code control/tcp.smtp}, their {@code SPPCONFFILE} pointed at
 * the plugin file's copy in {@code control/}. A rule for clients the toaster's file already has a rule for is left
 * out (the toaster's parser refuses two rules for the same clients, and the installer's rules stay).
 */
final class TcpRulePlanner {

    private static final Pattern SPPCONFFILE = Pattern.compile("SPPCONFFILE=(\"[^\"]*\"|[^,]*)");

    private TcpRulePlanner() {
    }

    static List<Step> rules(OldToaster old, ToasterState state, List<Skipped> skipped) {
        List<Step> steps = new ArrayList<>();
        List<String> present = state.tcpSmtp().lines().map(String::strip).toList();
        StringBuilder text = new StringBuilder(state.tcpSmtp());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        for (TcpSmtpSource.Rule rule : old.rules()) {
            String line = rule.sppConfFile().map(named -> rewrite(rule.text(), old.pluginSources().get(named)))
                    .orElse(rule.text());
            if (present.contains(line.strip())) {
                steps.add(new Step(new Action.AddTcpRule(line), true, ""));
                continue;
            }
            try {
                TcpRules.parse(text + line + "\n", "control/tcp.smtp");
                text.append(line).append('\n');
                steps.add(new Step(new Action.AddTcpRule(line), false, ""));
            } catch (ConfigException e) {
                skipped.add(new Skipped("tcp.smtp rule " + rule.text() + " (line " + rule.line() + ")",
                        "kept the toaster's rule instead: " + e.getMessage()));
            }
        }
        return steps;
    }

    private static String rewrite(String text, String name) {
        Matcher m = SPPCONFFILE.matcher(text);
        return m.replaceFirst(Matcher.quoteReplacement("SPPCONFFILE=\"control/" + name + "\""));
    }
}
