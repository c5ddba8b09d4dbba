package org.godshell.toaster.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SPF record, parsed (RFC 7208 §4.6, ABNF in §12): its directives in order and its {@code redirect=} and
 * {@code exp=} modifiers. Any syntax error makes the whole record a permerror (§4.6): a half-read policy could
 * pass mail its owner meant to refuse.
 */
record SpfRecord(List<Mechanism.Directive> directives, Optional<String> redirect, Optional<String> exp) {

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);
    /** {@code [:domain-spec][/ip4-cidr][//ip6-cidr]}, the cidr lengths without leading zeros (§12). */
    private static final Pattern DUAL = Pattern.compile("(?::([^/]*))?(?:/(0|[1-9][0-9]{0,2}))?(?://(0|[1-9][0-9]{0,2}))?");
    private static final Pattern IP4 = Pattern.compile("((?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))(?:/(0|[1-9][0-9]?))?");
    private static final Pattern IP6 = Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(0|[1-9][0-9]{0,2}))?");

    SpfRecord {
        directives = List.copyOf(directives);
    }

    /** Whether a TXT record's text is an SPF record: {@code v=spf1} alone or before a space (§4.5). */
    static boolean isSpf(String text) {
        return text.regionMatches(true, 0, "v=spf1", 0, 6) && (text.length() == 6 || text.charAt(6) == ' ');
    }

    static SpfRecord parse(String text) throws SpfError {
        if (!isSpf(text)) {
            throw SpfError.perm("not an SPF record");
        }
        List<Mechanism.Directive> directives = new ArrayList<>();
        Optional<String> redirect = Optional.empty();
        Optional<String> exp = Optional.empty();
        for (String term : text.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            if (!term.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw SpfError.perm("term with a character outside printable ASCII: " + printable(term));
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect.isPresent()) {
                            throw SpfError.perm("two redirect= modifiers (§6)");
                        }
                        redirect = Optional.of(domainSpec(value));
                    }
                    case "exp" -> {
                        if (exp.isPresent()) {
                            throw SpfError.perm("two exp= modifiers (§6)");
                        }
                        exp = Optional.of(domainSpec(value));
                    }
                    default -> Macro.check(value, false);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, redirect, exp);
    }

    private static Mechanism.Directive directive(String term) throws SpfError {
        char first = term.charAt(0);
        boolean qualified = "+-~?".indexOf(first) >= 0;
        String body = qualified ? term.substring(1) : term;
        int end = 0;
        while (end < body.length() && Character.isLetterOrDigit(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = body.substring(end);
        Mechanism mechanism = switch (name) {
            case "all" -> rest.isEmpty() ? new Mechanism.All() : unknown(term);
            case "include" -> new Mechanism.Include(required(rest, term));
            case "exists" -> new Mechanism.Exists(required(rest, term));
            case "a", "mx" -> dual(name, rest, term);
            case "ptr" -> rest.isEmpty() ? new Mechanism.Ptr(Optional.empty())
                    : new Mechanism.Ptr(Optional.of(required(rest, term)));
            case "ip4" -> ip(IP4, rest, term, 32);
            case "ip6" -> ip(IP6, rest, term, 128);
            default -> unknown(term);
        };
        return new Mechanism.Directive(SpfResult.ofQualifier(qualified ? first : '+'), mechanism);
    }

    private static String required(String rest, String term) throws SpfError {
        if (!rest.startsWith(":")) {
            throw SpfError.perm("\"" + printable(term) + "\" needs ':domain'");
        }
        return domainSpec(rest.substring(1));
    }

    private static Mechanism dual(String name, String rest, String term) throws SpfError {
        Matcher m = DUAL.matcher(rest);
        if (!m.matches()) {
            throw SpfError.perm("bad term \"" + printable(term) + "\"");
        }
        int v4 = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
        int v6 = m.group(3) == null ? 128 : Integer.parseInt(m.group(3));
        if (v4 > 32 || v6 > 128) {
            throw SpfError.perm("CIDR length out of range in \"" + printable(term) + "\"");
        }
        Optional<String> domain = m.group(1) == null ? Optional.empty() : Optional.of(domainSpec(m.group(1)));
        return name.equals("a") ? new Mechanism.A(domain, v4, v6) : new Mechanism.Mx(domain, v4, v6);
    }

    private static Mechanism ip(Pattern pattern, String rest, String term, int max) throws SpfError {
        Matcher m = rest.startsWith(":") ? pattern.matcher(rest.substring(1)) : null;
        if (m == null || !m.matches()) {
            throw SpfError.perm("bad address in \"" + printable(term) + "\"");
        }
        int length = m.group(2) == null ? max : Integer.parseInt(m.group(2));
        InetAddress network;
        try {
            network = InetAddress.getByName(m.group(1));
        } catch (UnknownHostException e) {
            throw SpfError.perm("bad address in \"" + printable(term) + "\"");
        }
        // ip6 never matches an IPv4 client (§5.6), so an IPv4-mapped ip6 network must stay IPv6-sized.
        if (length > max || (max == 128 && network instanceof Inet4Address)) {
            throw SpfError.perm("bad network in \"" + printable(term) + "\"");
        }
        return new Mechanism.Ip(network, length);
    }

    /** A domain-spec (§12): a valid macro-string ending in a macro or in "." and a top label. */
    private static String domainSpec(String spec) throws SpfError {
        Macro.check(spec, false);
        String bare = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = bare.lastIndexOf('.');
        boolean endsInMacro = bare.endsWith("}") && bare.lastIndexOf("%{") >= 0;
        String top = dot < 0 ? "" : bare.substring(dot + 1);
        if (!endsInMacro && !(top.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?") && !top.matches("[0-9]+"))) {
            throw SpfError.perm("\"" + printable(spec) + "\" is not a domain-spec (it must end in a top label "
                    + "or a macro, §12)");
        }
        return spec;
    }

    private static Mechanism unknown(String term) throws SpfError {
        throw SpfError.perm("unknown mechanism \"" + printable(term) + "\"");
    }

    static String printable(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("[^ -~]", "?");
    }
}
