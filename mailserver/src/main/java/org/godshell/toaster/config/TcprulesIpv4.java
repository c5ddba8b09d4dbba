package org.godshell.toaster.config;

import java.nio.file.Path;

/**
 * tcprules' own IPv4 forms: {@code 1.2.3.4} (exact), {@code 10.1.} (dotted prefix: tcpserver tries
 * "shorter and shorter prefixes of TCPREMOTEIP ending with a dot"), and a range in the last octet given,
 * {@code 1.2.3.37-53} or {@code 10.2-3.} (tcprules expands these into one rule per value).
 */
final class TcprulesIpv4 {

    private TcprulesIpv4() {
    }

    static AddressPattern parse(String text, Path file, int line) throws ConfigException {
        boolean isPrefix = text.endsWith(".");
        String body = isPrefix ? text.substring(0, text.length() - 1) : text;
        String[] parts = body.split("\\.", -1);
        if (isPrefix ? parts.length > 3 : parts.length != 4) {
            if (!isPrefix && parts.length < 4 && allOctets(parts)) {
                throw new ConfigException(file, line, "\"" + text + "\" is neither an address nor a prefix; "
                        + "write \"" + text + ".\" (ending with a dot) for every address starting with it");
            }
            throw bad(text, file, line);
        }
        byte[] address = new byte[4];
        for (int i = 0; i < parts.length - 1; i++) {
            int o = IpLiteral.octet(parts[i]);
            if (o < 0) {
                throw bad(text, file, line);
            }
            address[i] = (byte) o;
        }
        int last = parts.length - 1;
        String lastPart = parts[last];
        int dash = lastPart.indexOf('-');
        if (dash < 0) {
            int o = IpLiteral.octet(lastPart);
            if (o < 0) {
                throw bad(text, file, line);
            }
            address[last] = (byte) o;
            return AddressPattern.prefix(address, 8 * parts.length);
        }
        int lo = IpLiteral.octet(lastPart.substring(0, dash));
        int hi = IpLiteral.octet(lastPart.substring(dash + 1));
        if (lo < 0 || hi < 0) {
            throw bad(text, file, line);
        }
        if (lo > hi) {
            throw new ConfigException(file, line, "range " + lastPart + " in \"" + text + "\" runs backwards; "
                    + "write the smaller number first, " + hi + "-" + lo);
        }
        return AddressPattern.range(address, last, lo, hi);
    }

    private static ConfigException bad(String text, Path file, int line) {
        return new ConfigException(file, line, "\"" + text + "\" is not an address; write an IPv4 prefix such "
                + "as 10.1., an address such as 192.0.2.7, a range in the last octet such as 192.0.2.1-30 or "
                + "10.2-3., a CIDR block such as 10.0.0.0/8, or an IPv6 address such as 2001:db8::1");
    }

    /** Whether every part is a plain octet: the text looks like a prefix that forgot its final dot. */
    private static boolean allOctets(String[] parts) {
        for (String p : parts) {
            if (IpLiteral.octet(p) < 0) {
                return false;
            }
        }
        return true;
    }
}
