package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code tcp.smtp}: {@code <address>:<allow|deny>[,VAR="value"|,VAR=value]...}. A quoted value is
 * everything between the quotes, commas included; tcprules has no escape sequences. An unquoted value runs to
 * the next comma.
 */
record RuleLine(AddressPattern pattern, boolean allow, Map<String, String> variables) {

    /** A shell-style environment variable name (POSIX.1-2017 §8.1). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The first colon followed by an instruction ends the address: "allow"/"deny" cannot occur in one. */
    private static final Pattern INSTRUCTION = Pattern.compile(":(allow|deny)(?=,|$)");

    static RuleLine parse(Path file, int line, String text) throws ConfigException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ConfigException(file, line, String.format("control character U+%04X at column %d; "
                        + "rules are printable text: remove it", (int) c, i + 1));
            }
        }
        Matcher m = INSTRUCTION.matcher(text);
        if (!m.find()) {
            throw noInstruction(file, line, text);
        }
        AddressPattern pattern = AddressPattern.parse(text.substring(0, m.start()), file, line);
        boolean allow = m.group(1).equals("allow");
        Map<String, String> variables = variables(text, m.end(), file, line);
        return new RuleLine(pattern, allow, variables);
    }

    private static ConfigException noInstruction(Path file, int line, String text) {
        int comma = text.indexOf(',');
        String head = comma < 0 ? text : text.substring(0, comma);
        int colon = head.lastIndexOf(':');
        if (colon < 0) {
            return new ConfigException(file, line, "\"" + text + "\" has no instruction; a rule is an address, "
                    + "a colon and allow or deny, such as 192.0.2.7:deny or 127.:allow,RELAYCLIENT=\"\"");
        }
        return new ConfigException(file, line, "unknown instruction \"" + head.substring(colon + 1)
                + "\"; write allow or deny (lower case) after the address's colon");
    }

    private static Map<String, String> variables(String text, int from, Path file, int line)
            throws ConfigException {
        Map<String, String> variables = new LinkedHashMap<>();
        int i = from;
        while (i < text.length()) {
            // Invariant: text.charAt(i) == ',' (guaranteed by INSTRUCTION and by the value parsing below).
            int eq = text.indexOf('=', i + 1);
            int comma = text.indexOf(',', i + 1);
            if (eq < 0 || (comma >= 0 && comma < eq)) {
                String item = text.substring(i + 1, comma < 0 ? text.length() : comma);
                throw new ConfigException(file, line, "\"" + item + "\" is not an assignment; write VAR=\"value\"");
            }
            String name = text.substring(i + 1, eq);
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(file, line, "\"" + name + "\" is not a variable name; use letters, "
                        + "digits and _, not starting with a digit, such as RELAYCLIENT");
            }
            String value;
            int next;
            if (eq + 1 < text.length() && text.charAt(eq + 1) == '"') {
                int close = text.indexOf('"', eq + 2);
                if (close < 0) {
                    throw new ConfigException(file, line, "the value of " + name + " has no closing quote; "
                            + "add a \" at its end");
                }
                value = text.substring(eq + 2, close);
                next = close + 1;
                if (next < text.length() && text.charAt(next) != ',') {
                    throw new ConfigException(file, line, "text after the closing quote of " + name
                            + "; put a comma before the next VAR=\"value\"");
                }
            } else {
                int end = text.indexOf(',', eq + 1);
                next = end < 0 ? text.length() : end;
                value = text.substring(eq + 1, next);
                if (value.indexOf('"') >= 0) {
                    throw new ConfigException(file, line, "stray quote in the value of " + name
                            + "; quote the whole value, " + name + "=\"...\"");
                }
            }
            if (variables.putIfAbsent(name, value) != null) {
                throw new ConfigException(file, line, name + " is set twice in this rule; keep one");
            }
            i = next;
        }
        return variables;
    }
}
