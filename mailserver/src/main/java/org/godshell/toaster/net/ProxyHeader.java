package org.godshell.toaster.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.godshell.toaster.config.IpLiteral;

/**
 * Reads the PROXY protocol header (haproxy's proxy-protocol.txt, versions 1 and 2) that a proxy sends before
 * the client's first byte, and returns the client it names. It reads the header byte for byte and never past
 * its end, so that what follows (SMTP, or a TLS handshake on port 465) is still unread on the stream.
 *
 * <p>The result is empty when the header says the proxy speaks for itself (v1 {@code UNKNOWN}, v2
 * {@code LOCAL}, or v2 with an address family that is not IP): the proxy's own address is then the client's.
 * Anything else that is not a well-formed header is an {@link Invalid}: a listed proxy that does not speak the
 * protocol is misconfigured, and guessing would let a client choose its address.
 */
public final class ProxyHeader {

    /** Spec §2.1: "a receiver ... must not accept more than 107 characters", the CRLF included. */
    static final int V1_MAX = 107;

    /**
     * Spec §2.2 sizes a receiver's buffer at 536 bytes: the 16-byte header and up to 520 bytes of addresses and
     * TLVs. The toaster reads no TLVs, so a longer header gains nothing and is refused.
     */
    static final int V2_MAX_LENGTH = 520;

    /** Spec §2.2: the first 12 bytes of a version 2 header. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
        0x0A};

    /** A header that is missing, truncated or malformed; the message says what was wrong. */
    public static final class Invalid extends IOException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private ProxyHeader() {
    }

    /** Reads one header from {@code in}: the client it names, or empty for "the proxy itself". */
    public static Optional<InetSocketAddress> read(InputStream in) throws IOException {
        int first = next(in);
        if (first == 'P') {
            return v1(in);
        }
        if (first == V2_SIGNATURE[0]) {
            return v2(in);
        }
        throw new Invalid("no PROXY header: the connection starts with byte " + first);
    }

    private static Optional<InetSocketAddress> v1(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(V1_MAX);
        line.write('P');
        while (true) {
            int b = next(in);
            if (b == '\n') {
                break;
            }
            if (line.size() >= V1_MAX - 1) {
                throw new Invalid("PROXY v1 line longer than " + V1_MAX + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        if (bytes[bytes.length - 1] != '\r') {
            throw new Invalid("PROXY v1 line not ended by CRLF");
        }
        return parseV1(new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII));
    }

    /** Spec §2.1: {@code PROXY TCP4|TCP6 src dst sport dport}, single spaces, or {@code PROXY UNKNOWN ...}. */
    static Optional<InetSocketAddress> parseV1(String line) throws Invalid {
        if (line.equals("PROXY UNKNOWN") || line.startsWith("PROXY UNKNOWN ")) {
            return Optional.empty();
        }
        String[] f = line.split(" ", -1);
        if (f.length != 6 || !f[0].equals("PROXY")) {
            throw new Invalid("PROXY v1 line is not PROXY, protocol, two addresses and two ports: " + printable(line));
        }
        Optional<byte[]> source = switch (f[1]) {
            case "TCP4" -> IpLiteral.ipv4(f[2]).filter(a -> IpLiteral.ipv4(f[3]).isPresent());
            case "TCP6" -> IpLiteral.ipv6(f[2]).filter(a -> IpLiteral.ipv6(f[3]).isPresent());
            default -> throw new Invalid("PROXY v1 protocol is not TCP4, TCP6 or UNKNOWN: " + printable(f[1]));
        };
        byte[] address = source.orElseThrow(() -> new Invalid("PROXY v1 addresses are not " + f[1] + " addresses: "
                + printable(f[2]) + " " + printable(f[3])));
        port(f[5]);
        return Optional.of(client(address, port(f[4])));
    }

    /** Spec §2.1: a decimal from 0 to 65535; leading zeros are refused like the addresses' (one spelling). */
    private static int port(String text) throws Invalid {
        if (!text.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(text) > 65_535) {
            throw new Invalid("PROXY v1 port is not a number from 0 to 65535: " + printable(text));
        }
        return Integer.parseInt(text);
    }

    private static Optional<InetSocketAddress> v2(InputStream in) throws IOException {
        byte[] head = new byte[16];
        head[0] = V2_SIGNATURE[0];
        fill(in, head, 1);
        if (!Arrays.equals(head, 0, 12, V2_SIGNATURE, 0, 12)) {
            throw new Invalid("not a PROXY v2 signature");
        }
        int length = (head[14] & 0xff) << 8 | head[15] & 0xff;
        if (length > V2_MAX_LENGTH) {
            throw new Invalid("PROXY v2 header of " + length + " bytes after the first 16; at most "
                    + V2_MAX_LENGTH + " are read");
        }
        byte[] body = new byte[length];
        fill(in, body, 0);
        return parseV2(head[12] & 0xff, head[13] & 0xff, body);
    }

    /**
     * Spec §2.2: the version and command byte (0x20 LOCAL, 0x21 PROXY), the family and transport byte (0x11
     * TCP over IPv4, 0x21 TCP over IPv6), then the addresses: source, destination, source port, destination
     * port, big-endian; TLVs may follow and are skipped.
     */
    static Optional<InetSocketAddress> parseV2(int command, int family, byte[] body) throws Invalid {
        if (command == 0x20) {
            return Optional.empty();
        }
        if (command != 0x21) {
            throw new Invalid(String.format("PROXY v2 version and command 0x%02x is not 0x20 or 0x21", command));
        }
        int size = switch (family) {
            case 0x11 -> 4;
            case 0x21 -> 16;
            // UNSPEC and UNIX stream: no IP client; the spec has the receiver use the real connection's address.
            case 0x00, 0x31 -> 0;
            default -> throw new Invalid(String.format("PROXY v2 family and transport 0x%02x is not TCP", family));
        };
        if (size == 0) {
            return Optional.empty();
        }
        if (body.length < 2 * size + 4) {
            throw new Invalid("PROXY v2 address block of " + body.length + " bytes is too short for "
                    + (size == 4 ? "IPv4" : "IPv6"));
        }
        int sourcePort = (body[2 * size] & 0xff) << 8 | body[2 * size + 1] & 0xff;
        return Optional.of(client(Arrays.copyOf(body, size), sourcePort));
    }

    private static InetSocketAddress client(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside the PROXY header");
        }
        return b;
    }

    private static void fill(InputStream in, byte[] buffer, int from) throws IOException {
        for (int i = from; i < buffer.length; ) {
            int n = in.read(buffer, i, buffer.length - i);
            if (n < 0) {
                throw new EOFException("the connection ended inside the PROXY header");
            }
            i += n;
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
