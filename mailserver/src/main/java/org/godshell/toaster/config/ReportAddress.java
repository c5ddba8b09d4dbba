package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtp.RcptArguments;

/**
 * {@code control/statsmailto} and {@code toaster stats --mail}: the one address the daily report goes to, checked
 * with the server's own RFC 5321 §4.1.2 path grammar (never a header parser) and written back as the server
 * writes it. The address ends up in a queued envelope and in a systemd unit's log, so anything the grammar
 * refuses (a second address, an ESMTP parameter, a line break, more than the 256 octets of §4.5.3.1.3) is
 * refused here too, and the domain-less {@code <postmaster>} with it: the report leaves the host.
 */
public final class ReportAddress {

    private ReportAddress() {
    }

    /**
     * The address in RFC 5321 form ({@code Admin@Example.org} stays as given; a local part that needs quotes gets
     * them), or an {@link IllegalArgumentException} saying what is wrong, without echoing the input.
     */
    public static String check(String address) {
        String problem;
        try {
            RcptArguments rcpt = PathParser.parseRcpt("TO:<" + address + ">", true);
            if (!rcpt.parameters().isEmpty()) {
                problem = "it has more than an address";
            } else if (rcpt.recipient().isBarePostmaster()) {
                problem = "it has no domain";
            } else {
                return rcpt.recipient().toString();
            }
        } catch (PathException e) {
            problem = printable(e.getMessage());
        }
        throw new IllegalArgumentException(problem);
    }

    static Optional<String> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        ControlFile.Line line = lines.get(0);
        try {
            return Optional.of(check(line.text().strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, line.number(), "is not one mail address (" + e.getMessage() + "); write "
                    + "one such as postmaster@example.org, or run toaster stats schedule --mail ADDRESS");
        }
    }

    /** The grammar's complaint may quote the input: control characters become {@code ?}, and it stays short. */
    private static String printable(String text) {
        String shown = text.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }
}
