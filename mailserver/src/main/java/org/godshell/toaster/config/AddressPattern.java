package org.godshell.toaster.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The address part of one {@code tcp.smtp} rule, parsed to a set of addresses: everyone, a prefix of
 * {@code bits} bits, or (tcprules' range syntax) a prefix followed by one octet in {@code lo..hi}. Ranges and
 * prefixes that name the same set are normalized to one form so that duplicates can be found and
 * {@link #size()} compares rules by how many addresses they cover: the smaller set is the more specific rule.
 */
final class AddressPattern {

    /** Larger than any real set (2^128 for {@code ::/0}), so that the empty rule is always the last resort. */
    private static final BigInteger EVERYONE = BigInteger.ONE.shiftLeft(129);

    private static final String FORMS = "write an IPv4 prefix such as 10.1., an address such as 192.0.2.7, a range "
            + "such as 192.0.2.1-30, a CIDR block such as 10.0.0.0/8 or 2001:db8::/32, an IPv6 address such as "
            + "2001:db8::1, or nothing for everyone";

    private final byte[] network;
    private final int bits;
    private final int rangeOctet;
    private final int lo;
    private final int hi;

    private AddressPattern(byte[] network, int bits, int rangeOctet, int lo, int hi) {
        this.network = network;
        this.bits = bits;
        this.rangeOctet = rangeOctet;
        this.lo = lo;
        this.hi = hi;
    }

    static AddressPattern everyone() {
        return new AddressPattern(new byte[0], 0, -1, 0, 0);
    }

    static AddressPattern prefix(byte[] address, int bits) {
        if (address.length == 16 && bits >= 96) {
            Optional<byte[]> v4 = IpLiteral.unmapped(address);
            if (v4.isPresent()) {
                // Clients arrive as IPv4 (match() unmaps them), so ::ffff:a.b.c.d rules must be IPv4 rules.
                return new AddressPattern(v4.get(), bits - 96, -1, 0, 0);
            }
        }
        return new AddressPattern(address.clone(), bits, -1, 0, 0);
    }

    /** A prefix of whole octets then one octet in lo..hi; aligned power-of-two ranges become CIDR prefixes. */
    static AddressPattern range(byte[] address, int octet, int lo, int hi) {
        int count = hi - lo + 1;
        if (Integer.bitCount(count) == 1 && lo % count == 0) {
            byte[] net = address.clone();
            net[octet] = (byte) lo;
            return new AddressPattern(net, 8 * octet + 8 - Integer.numberOfTrailingZeros(count), -1, 0, 0);
        }
        return new AddressPattern(address.clone(), 8 * octet, octet, lo, hi);
    }

    boolean isRange() {
        return rangeOctet >= 0;
    }

    /** How many addresses the pattern covers. */
    BigInteger size() {
        if (network.length == 0) {
            return EVERYONE;
        }
        int hostBits = network.length * 8 - bits - (isRange() ? 8 : 0);
        return BigInteger.valueOf(isRange() ? hi - lo + 1 : 1).shiftLeft(hostBits);
    }

    /** Identical for patterns that name the same addresses (after normalization), for duplicate detection. */
    String key() {
        StringBuilder key = new StringBuilder(HexFormat.of().formatHex(network)).append('/').append(bits);
        if (isRange()) {
            key.append('[').append(lo).append('-').append(hi).append(']');
        }
        return key.toString();
    }

    /** Whether the address (4 or 16 bytes, already unmapped when IPv4-mapped) is in the set. */
    boolean matches(byte[] address) {
        if (network.length == 0) {
            return true;
        }
        if (address.length != network.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest != 0) {
            int mask = (0xff << (8 - rest)) & 0xff;
            if ((address[whole] & mask) != (network[whole] & mask)) {
                return false;
            }
        }
        if (isRange()) {
            int o = address[rangeOctet] & 0xff;
            return o >= lo && o <= hi;
        }
        return true;
    }

    /** Parses the address part of a rule; {@code file} and {@code line} are for the error message. */
    static AddressPattern parse(String text, Path file, int line) throws ConfigException {
        if (text.isEmpty()) {
            return everyone();
        }
        if (text.startsWith("=")) {
            throw new ConfigException(file, line, "host name rules (\"" + text + "\") are not supported: the "
                    + "toaster never asks DNS who a client is; " + FORMS);
        }
        if (text.indexOf('@') >= 0) {
            throw new ConfigException(file, line, "user@address rules (\"" + text + "\") are not supported: the "
                    + "toaster does not query ident (RFC 1413); " + FORMS);
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            return cidr(text, slash, file, line);
        }
        if (text.indexOf(':') >= 0 || text.startsWith("[")) {
            byte[] v6 = ipv6(unbracket(text), text, file, line);
            return prefix(v6, 128);
        }
        return TcprulesIpv4.parse(text, file, line);
    }

    private static AddressPattern cidr(String text, int slash, Path file, int line) throws ConfigException {
        String addr = text.substring(0, slash);
        String len = text.substring(slash + 1);
        boolean v6 = addr.indexOf(':') >= 0 || addr.startsWith("[");
        byte[] bytes = v6 ? ipv6(unbracket(addr), text, file, line)
                : IpLiteral.ipv4(addr).orElseThrow(() -> new ConfigException(file, line, "\"" + addr
                        + "\" in \"" + text + "\" is not an IPv4 address; a CIDR block is a whole address, a slash "
                        + "and a length, such as 10.0.0.0/8"));
        int max = bytes.length * 8;
        int bits = len.matches("0|[1-9][0-9]{0,2}") ? Integer.parseInt(len) : -1;
        if (bits < 0 || bits > max) {
            throw new ConfigException(file, line, "\"/" + len + "\" in \"" + text + "\" is not a prefix length; "
                    + "write a whole number from 0 to " + max);
        }
        AddressPattern p = new AddressPattern(bytes, bits, -1, 0, 0);
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            masked[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        if (!Arrays.equals(masked, bytes)) {
            throw new ConfigException(file, line, "\"" + text + "\" has bits set after the first " + bits
                    + "; write the network address, " + IpLiteral.text(masked) + "/" + bits);
        }
        return p.network.length == 16 ? prefix(bytes, bits) : p;
    }

    private static String unbracket(String s) {
        return s.startsWith("[") && s.endsWith("]") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
    }

    private static byte[] ipv6(String addr, String text, Path file, int line) throws ConfigException {
        return IpLiteral.ipv6(addr).orElseThrow(() -> new ConfigException(file, line, "\"" + text
                + "\" is not an address; " + FORMS));
    }
}
