package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Checks for single values in control files, each failing with the line and the fix. */
final class Values {

    /** Letters, digits, hyphens, underscores and dots, not starting or ending with a dot or hyphen. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?");

    /** http(s)://HOST[:PORT][/PATH], the path of unreserved characters (RFC 3986 §2.3) and slashes. */
    private static final Pattern SITE_URL = Pattern.compile("https?://([^/:]{1,253})(?::([1-9][0-9]{0,4}))?"
            + "(?:/[A-Za-z0-9._~/-]{0,200})?");

    /** The 220 line is at most 512 octets (RFC 5321 §4.5.3.1.5); leave room for "220 " and " ESMTP". */
    static final int MAX_GREETING = 400;

    private Values() {
    }

    static boolean isHostName(String s) {
        return HOST.matcher(s).matches() && !s.contains("..");
    }

    static String hostName(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text();
        if (t.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; write this host's fully qualified name, "
                    + "such as mail.example.com, or remove the file to use the system's host name");
        }
        if (!isHostName(t)) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is not a host name; write this host's "
                    + "fully qualified name, such as mail.example.com (letters, digits, hyphens and dots)");
        }
        return t;
    }

    /**
     * The URL people reach a site at: http or https, a host name, an optional port, an optional path of plain
     * characters; no user, query or fragment. Ends with a slash.
     */
    static String siteUrl(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text();
        java.util.regex.Matcher url = SITE_URL.matcher(t);
        if (!url.matches() || !isHostName(url.group(1))
                || url.group(2) != null && Integer.parseInt(url.group(2)) > 65535) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is not a site URL; write where people reach "
                    + "the wiki, such as https://mail.example.org/ (http or https, a host name, an optional port and "
                    + "path; no query)");
        }
        return t.endsWith("/") ? t : t + "/";
    }

    /** {@code helohost}: a host name as {@code me}, with the fix that fits its default. */
    static String heloHost(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text();
        if (!t.matches("[A-Za-z0-9_.-]{1,253}") || t.startsWith(".") || t.contains("..")) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is not a host name; write the name to "
                    + "give in EHLO, such as mail.example.com, or remove the file to use me");
        }
        return t;
    }

    /**
     * The host's own name, qmail's {@code config-fast} guess, asked of the system once per process (it may take
     * a DNS lookup); "localhost" when the host cannot say.
     */
    static String localHostName() {
        return LocalHost.NAME;
    }

    private static final class LocalHost {
        static final String NAME = ask();

        private static String ask() {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                return isHostName(name) ? name : "localhost";
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }

    static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String greeting(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text();
        if (t.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; write the text to send after 220, such as "
                    + "mail.example.com, or remove the file to greet with control/me");
        }
        if (!t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new ConfigException(file, line.number(), "contains a character that is not printable ASCII; "
                    + "SMTP replies are ASCII (RFC 5321 §4.2): use plain ASCII text");
        }
        if (t.length() > MAX_GREETING) {
            throw new ConfigException(file, line.number(), "is " + t.length() + " characters long; shorten it to "
                    + MAX_GREETING + " or fewer, to fit one SMTP reply line");
        }
        return t;
    }

    /** One rcpthosts entry, lower-cased and without a trailing dot. */
    static String rcpthost(Path file, ControlFile.Line line) throws ConfigException {
        String t = SmtpConfig.normalizeDomain(line.text());
        boolean bad = t.isEmpty() || t.equals(".") || t.indexOf('@') >= 0
                || t.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (bad) {
            throw new ConfigException(file, line.number(), "\"" + line.text() + "\" is not a domain; write one "
                    + "domain per line, such as example.com, or .example.com for all of its subdomains");
        }
        return t;
    }

    /**
     * A whole decimal number in {@code min..max}. qmail's {@code control_readint} reads leading digits and
     * ignores the rest ("12x" is 12); we refuse instead, since the admin meant something else.
     */
    static long number(Path file, ControlFile.Line line, String what, String fix, long min, long max)
            throws ConfigException {
        String t = line.text();
        if (t.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; " + fix + ", or remove the file for the "
                    + "default");
        }
        if (t.matches("-[0-9]+")) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is negative; " + fix);
        }
        if (!t.matches("[0-9]+")) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is not " + what + "; " + fix);
        }
        String tooLarge = "\"" + t + "\" is too large (the largest is " + max + "); " + fix;
        long value;
        try {
            value = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new ConfigException(file, line.number(), tooLarge, e);
        }
        if (value > max) {
            throw new ConfigException(file, line.number(), tooLarge);
        }
        if (value < min) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" is too small (the smallest is " + min
                    + "); " + fix);
        }
        return value;
    }

    /** {@code yes} or {@code no}, the words of a file that turns something on or off. */
    static boolean yesOrNo(Path file, ControlFile.Line line) throws ConfigException {
        return switch (line.text().strip()) {
            case "yes" -> true;
            case "no" -> false;
            default -> {
                String text = line.text().strip();
                String shown = (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                        .replaceAll("[^\\x20-\\x7e]", "?");
                throw new ConfigException(file, line.number(), "\"" + shown + "\" is neither yes nor no: write"
                        + " yes or no, or remove the file for the default");
            }
        };
    }
}
