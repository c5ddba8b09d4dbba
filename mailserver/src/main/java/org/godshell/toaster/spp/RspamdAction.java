package org.godshell.toaster.spp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.godshell.toaster.filter.rspamd.RspamdVerdict;
import org.godshell.toaster.filter.rspamd.RspamdVerdict.Action;

/**
 * rspamd's verdict as qmail-spp output lines, which {@code SppSession} applies as any plugin's: so the reply
 * checks, the 451 on failure and the log are the engine's, as for {@link PolicyAction}.
 *
 * <table>
 *   <caption>actions</caption>
 *   <tr><th>rspamd</th><th>lines</th></tr>
 *   <tr><td>reject, discard</td><td>{@code E554 5.7.1 message rejected as spam[: rspamd's message]}</td></tr>
 *   <tr><td>soft reject</td><td>{@code E451 4.7.1 message deferred, try again later[: rspamd's message]}</td></tr>
 *   <tr><td>greylist</td><td>{@code E451 4.7.1 greylisted, try again later}</td></tr>
 *   <tr><td>add header, rewrite subject, quarantine</td><td>{@code H X-Spam: Yes}, score, symbols, {@code Q}</td></tr>
 *   <tr><td>no action</td><td>{@code H X-Spam: No}, score</td></tr>
 * </table>
 *
 * <p>Choices: {@code discard} (accept and drop) is refused instead: the sender learns the message was not
 * delivered, which dropping it after a 250 would hide (RFC 5321 §6.2 frowns on silent loss). {@code rewrite
 * subject} files the message in Junk like {@code add header} and leaves the Subject as written: a qmail-spp
 * plugin can add header fields but not edit the client's, and a Junk folder says "spam" without changing what
 * the sender wrote, which a DKIM signature over the Subject would then no longer match.
 */
final class RspamdAction {

    /** The X-Spam-Symbols value stays well inside one 998-octet header line (RFC 5322 §2.1.1). */
    static final int MAX_SYMBOLS = 900;
    /** rspamd's symbol names are upper-case words; one longer than this is cut. */
    static final int MAX_SYMBOL_NAME = 64;

    private RspamdAction() {
    }

    static List<String> lines(RspamdVerdict verdict) {
        String message = verdict.smtpMessage().map(text -> ": " + text).orElse("");
        return switch (verdict.action()) {
            case REJECT, DISCARD -> List.of("E554 5.7.1 message rejected as spam" + message);
            case SOFT_REJECT -> List.of("E451 4.7.1 message deferred, try again later" + message);
            case GREYLIST -> List.of("E451 4.7.1 greylisted, try again later");
            case ADD_HEADER, REWRITE_SUBJECT, QUARANTINE -> List.of("HX-Spam: Yes", score(verdict),
                    "HX-Spam-Symbols: " + symbols(verdict), "Qrspamd: " + verdict.action().word() + ", score "
                    + number(verdict.score()));
            case NO_ACTION -> List.of("HX-Spam: No", score(verdict));
        };
    }

    /** For the log: the action, the score and what made it. */
    static String summary(RspamdVerdict verdict) {
        return "rspamd: " + verdict.action().word() + ", score " + number(verdict.score()) + " / "
                + number(verdict.required()) + ", " + symbols(verdict);
    }

    private static String score(RspamdVerdict verdict) {
        return "HX-Spam-Score: " + number(verdict.score()) + " / " + number(verdict.required());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code NAME(score), ...}, the heaviest first, cut with {@code ...} before {@link #MAX_SYMBOLS}. */
    static String symbols(RspamdVerdict verdict) {
        List<String> shown = new ArrayList<>();
        int length = 0;
        for (RspamdVerdict.Symbol symbol : verdict.symbols()) {
            String name = RspamdVerdict.printable(symbol.name(), MAX_SYMBOL_NAME).replaceAll("[^A-Za-z0-9_.-]", "?");
            String item = name + "(" + number(symbol.score()) + ")";
            if (length + item.length() + 2 > MAX_SYMBOLS - 5) {
                shown.add("...");
                break;
            }
            shown.add(item);
            length += item.length() + 2;
        }
        return shown.isEmpty() ? "none" : String.join(", ", shown);
    }
}
