package org.godshell.toaster.spp;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.godshell.toaster.config.ClamdAddress;
import org.godshell.toaster.filter.clamav.Clamd;
import org.godshell.toaster.filter.clamav.ClamdException;
import org.godshell.toaster.filter.clamav.ScanResult;

/**
 * {@code builtin:clamav [oversize=accept]}: the message of the {@code [body]} section ({@code SMTPMESSAGEFILE})
 * scanned by clamd, at the address of {@code control/clamd} as it is at each message, within {@code spptimeout}.
 *
 * <table>
 * <caption>clamd's verdicts as qmail-spp lines</caption>
 * <tr><th>clamd</th><th>lines</th></tr>
 * <tr><td>{@code OK}</td><td>{@code HX-Virus-Scanned: clamav}, so that a reader can tell scanned mail</td></tr>
 * <tr><td>{@code NAME FOUND}</td><td>{@code E554 5.7.1 message refused: virus found: NAME} (RFC 3463 §3.8:
 * 5.7.1, delivery not authorized, message refused)</td></tr>
 * <tr><td>size limit exceeded</td><td>a failure (451): unscanned mail is not clean; with {@code oversize=accept},
 * nothing (the message passes unscanned, logged)</td></tr>
 * <tr><td>anything else</td><td>a failure: 451, or skipped under {@code failopen:}</td></tr>
 * </table>
 *
 * <p>Trusted clients (relay, AUTH) are scanned as everyone: a virus sent out from a broken-into account harms
 * the toaster's reputation as much as one received.
 */
record BuiltinClamav(String source, String text, Supplier<SocketAddress> clamd, Duration timeout,
        boolean acceptOversize) implements Plugin {

    static final String HEADER = "X-Virus-Scanned: clamav";

    static BuiltinClamav parse(String source, String text, String arguments, Supplier<SocketAddress> clamd,
            Duration timeout) throws PluginFactory.BadPlugin {
        boolean acceptOversize = false;
        for (String word : BuiltinRbl.split(arguments)) {
            if (!word.equals("oversize=accept")) {
                throw new PluginFactory.BadPlugin("\"" + Command.printable(word) + "\" is not an argument of "
                        + "builtin:clamav; write builtin:clamav, or builtin:clamav oversize=accept to let mail "
                        + "larger than clamd's StreamMaxLength through unscanned");
            }
            acceptOversize = true;
        }
        return new BuiltinClamav(source, text, clamd, timeout, acceptOversize);
    }

    @Override
    public String name() {
        return "builtin:clamav";
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        String file = environment.get("SMTPMESSAGEFILE");
        if (section != Section.BODY || file == null) {
            return PluginRun.failed(this, "runs only in [body], where SMTPMESSAGEFILE names the message (it is not "
                    + "set in [" + section.label() + "]); move the line under [body]", "", micros(start));
        }
        Path message = Path.of(file);
        if (!message.isAbsolute()) {
            return PluginRun.failed(this, "SMTPMESSAGEFILE is not an absolute path", "", micros(start));
        }
        SocketAddress address = clamd.get();
        ScanResult result;
        try {
            result = Clamd.scan(address, message, timeout);
        } catch (ClamdException e) {
            return PluginRun.failed(this, e.getMessage(), "", micros(start));
        }
        String where = " (clamd at " + ClamdAddress.describe(address) + ")";
        return switch (result) {
            case ScanResult.Clean clean -> done(List.of("H" + HEADER), "clamav: clean" + where, start);
            case ScanResult.Infected infected -> done(List.of("E554 5.7.1 message refused: virus found: "
                    + infected.signature()), "clamav: virus found: " + infected.signature() + where, start);
            case ScanResult.TooLarge tooLarge -> acceptOversize
                    ? done(List.of(), "clamav: not scanned, larger than clamd's StreamMaxLength; passed "
                            + "(oversize=accept)" + where, start)
                    : PluginRun.failed(this, "message larger than clamd's StreamMaxLength ("
                            + environment.getOrDefault("SMTPMESSAGESIZE", "?") + " bytes), not scanned" + where
                            + "; raise StreamMaxLength in clamd.conf to at least control/databytes, or write "
                            + "builtin:clamav oversize=accept", "", micros(start));
        };
    }

    private PluginRun done(List<String> lines, String log, long start) {
        return new PluginRun(this, lines, log + "\n", 0, Optional.empty(), micros(start));
    }

    private static long micros(long start) {
        return (System.nanoTime() - start) / 1000;
    }
}
