package org.godshell.toaster.config;

import java.util.Optional;

/**
 * Strict parsers for IP address literals, written out so that nothing here can ever turn into a DNS lookup
 * ({@code InetAddress.getByName} resolves anything that is not a literal) and so that the JDK's lenient forms
 * ({@code 10.1}, {@code 010.0.0.1}) are refused instead of meaning something surprising.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** One decimal octet, 0 to 255, without leading zeros (tcpserver compares text: "010" never matched). */
    static int octet(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /** A dotted quad such as {@code 192.0.2.1}, as 4 bytes. */
    public static Optional<byte[]> ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int o = octet(parts[i]);
            if (o < 0) {
                return Optional.empty();
            }
            bytes[i] = (byte) o;
        }
        return Optional.of(bytes);
    }

    /**
     * An IPv6 address in RFC 4291 §2.2 text form ({@code 2001:db8::1}, {@code ::}, {@code ::ffff:192.0.2.1}),
     * as 16 bytes. Zone identifiers ({@code %eth0}) are refused: rules and listeners name addresses, not links.
     */
    public static Optional<byte[]> ipv6(String s) {
        if (s.isEmpty() || s.length() > 45 || !s.chars().allMatch(IpLiteral::ipv6Char)) {
            return Optional.empty();
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && (s.indexOf("::", gap + 1) >= 0)) {
            return Optional.empty();
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        Optional<int[]> headParsed = groups(head, gap < 0);
        Optional<int[]> tailParsed = groups(tail, true);
        if (headParsed.isEmpty() || tailParsed.isEmpty()) {
            return Optional.empty();
        }
        int[] headGroups = headParsed.get();
        int[] tailGroups = tailParsed.get();
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return Optional.of(bytes);
    }

    private static boolean ipv6Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /**
     * The 16-bit groups of one side of "::"; the last group may be a dotted quad (two groups) when
     * {@code ipv4Allowed}, i.e. when it ends the address. Empty when malformed.
     */
    private static Optional<int[]> groups(String side, boolean ipv4Allowed) {
        if (side.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] parts = side.split(":", -1);
        String last = parts[parts.length - 1];
        boolean dotted = last.indexOf('.') >= 0;
        if (dotted && !ipv4Allowed) {
            return Optional.empty();
        }
        int[] out = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length - (dotted ? 1 : 0); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4 || p.indexOf('.') >= 0) {
                return Optional.empty();
            }
            out[i] = Integer.parseInt(p, 16);
        }
        if (dotted) {
            Optional<byte[]> v4 = ipv4(last);
            if (v4.isEmpty()) {
                return Optional.empty();
            }
            byte[] b = v4.get();
            out[parts.length - 1] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            out[parts.length] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }
        return Optional.of(out);
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2). */
    static Optional<byte[]> unmapped(byte[] v6) {
        if (v6.length != 16) {
            return Optional.empty();
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return Optional.empty();
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return Optional.empty();
        }
        return Optional.of(new byte[] {v6[12], v6[13], v6[14], v6[15]});
    }

    /**
     * Text form of 4 or 16 bytes, IPv6 in RFC 5952 §4 form (lower case, the longest run of two or more zero
     * groups as "::"), which the JDK's {@code getHostAddress} does not produce.
     */
    static String text(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("not 4 or 16 bytes: " + address.length);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
