package org.godshell.toaster.qmailimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.TcpRules;

/**
 * The source of the old host's tcpserver rules ({@code /etc/tcp.smtp}, compiled by tcprules into
 * {@code tcp.smtp.cdb}), each line checked by the toaster's own {@link TcpRules} parser, which reads the same
 * syntax from {@code control/tcp.smtp}. A line it refuses is a problem with its number and the parser's reason.
 *
 * @param rules    the usable rules, in file order
 * @param problems the lines left out
 */
public record TcpSmtpSource(List<Rule> rules, List<LineProblem> problems) {

    /** One rule as written, and the plugin file its {@code SPPCONFFILE} names (qmail-spp), if any. */
    public record Rule(int line, String text, Optional<String> sppConfFile) {
    }

    public TcpSmtpSource {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    /** {@code shownAs}: the file's name in problem texts. */
    public static TcpSmtpSource parse(byte[] bytes, String shownAs) throws ImportRefusedException {
        List<Rule> rules = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
                continue;
            }
            String text = line.text().get().stripTrailing();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                // Blank lines before it keep the parser's line number that of the file.
                TcpRules parsed = TcpRules.parse("\n".repeat(line.number() - 1) + text, shownAs);
                rules.add(new Rule(line.number(), text,
                        Optional.ofNullable(parsed.rules().getFirst().variables().get("SPPCONFFILE"))));
            } catch (ConfigException e) {
                problems.add(new LineProblem(line.number(), e.getMessage(), true));
            }
        }
        return new TcpSmtpSource(rules, problems);
    }
}
