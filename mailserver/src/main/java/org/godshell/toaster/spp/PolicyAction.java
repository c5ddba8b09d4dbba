package org.godshell.toaster.spp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy server's {@code action=} (Postfix access(5) actions), as qmail-spp output lines, so that
 * {@link SppSession} applies them as any plugin's: the same verdicts, and the same checks on reply texts.
 *
 * @param lines qmail-spp commands, possibly none (the next plugin runs)
 * @param notes what goes to the log only: WARN/INFO texts, and actions the toaster does not carry out
 */
record PolicyAction(List<String> lines, List<String> notes) {

    private static final Pattern CODE = Pattern.compile("[45][0-9][0-9]");
    private static final Pattern ENHANCED = Pattern.compile("[245](\\.[0-9]{1,3}\\.[0-9]{1,3})(?:\\s+|$)(.*)",
            Pattern.DOTALL);

    /** The answer's attributes (from the text up to its empty line); the server must send an action. */
    static PolicyAction of(String answer) throws PolicyService.Failure {
        String action = null;
        for (String line : answer.split("\n")) {
            String attribute = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int eq = attribute.indexOf('=');
            if (eq <= 0) {
                throw new PolicyService.Failure("answer line '" + Command.printable(attribute)
                        + "' is not name=value");
            }
            if (attribute.substring(0, eq).equals("action")) {
                action = attribute.substring(eq + 1).strip();
            }
        }
        if (action == null || action.isEmpty()) {
            throw new PolicyService.Failure("answer without an action: '" + Command.printable(answer) + "'");
        }
        return map(action);
    }

    /**
     * OK becomes N, not A or O: Postfix's OK ends only the restriction list the policy check sits in, and the
     * toaster's own checks (rcpthosts, relay) are a list of their own that still applies. DEFER_IF_PERMIT
     * becomes a deferral, since a command the toaster's later checks would refuse is merely refused later by a
     * retry. DEFER_IF_REJECT is logged and passed over: deferring every command for it would keep back mail that
     * Postfix accepts.
     */
    static PolicyAction map(String action) {
        String[] parts = action.split("\\s+", 2);
        String word = parts[0].toUpperCase(Locale.ROOT);
        String text = parts.length > 1 ? parts[1].strip() : "";
        return switch (word) {
            case "OK" -> new PolicyAction(List.of("N"), List.of());
            case "DUNNO" -> new PolicyAction(List.of(), List.of());
            case "REJECT" -> refuse(550, text, "Access denied");
            case "DEFER", "DEFER_IF_PERMIT" -> refuse(450, text, "Try again later");
            case "PREPEND" -> new PolicyAction(List.of("H" + text), List.of());
            case "WARN", "INFO" -> new PolicyAction(List.of(), List.of(word.toLowerCase(Locale.ROOT) + ": " + text));
            default -> CODE.matcher(word).matches()
                    ? new PolicyAction(List.of("E" + word + (text.isEmpty() ? "" : " " + text)), List.of())
                    : new PolicyAction(List.of(), List.of("action '" + Command.printable(action)
                            + "' is not supported by the toaster: treated as DUNNO"));
        };
    }

    /**
     * A refusal with Postfix's code for the action, and its enhanced status code unless the text starts with
     * one; a text's own enhanced code is given the reply's class, as Postfix does, so that REJECT cannot say 4.x.x.
     */
    private static PolicyAction refuse(int code, String text, String otherwise) {
        String klass = Integer.toString(code / 100);
        String enhanced = klass + ".7.1";
        String words = text.isEmpty() ? otherwise : text;
        Matcher own = ENHANCED.matcher(text);
        if (own.matches()) {
            enhanced = klass + own.group(1);
            words = own.group(2).isEmpty() ? otherwise : own.group(2);
        }
        return new PolicyAction(List.of("E" + code + " " + enhanced + " " + words), List.of());
    }

}
