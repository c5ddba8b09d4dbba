package org.godshell.toaster.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PROXY protocol header, versions 1 and 2, as haproxy's proxy-protocol.txt defines them. */
class ProxyHeaderTest {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
        0x0A};

    private static Optional<InetSocketAddress> read(byte[] bytes) throws IOException {
        return ProxyHeader.read(new ByteArrayInputStream(bytes));
    }

    private static Optional<InetSocketAddress> v1(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static InetSocketAddress at(String literal, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }

    /** A v2 header: the signature, the two bytes given, the length, then {@code body}. */
    private static byte[] v2(int command, int family, int... body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.write(command);
        out.write(family);
        out.write(body.length >> 8);
        out.write(body.length & 0xff);
        for (int b : body) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void v1Tcp4NamesTheSourceAndLeavesWhatFollowsUnread() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(
                "PROXY TCP4 192.0.2.9 127.0.0.1 5555 25\r\nEHLO x\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.of(at("192.0.2.9", 5555)), ProxyHeader.read(in));
        assertEquals("EHLO x\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void v1Tcp6() throws IOException {
        assertEquals(Optional.of(at("2001:db8::9", 65535)), v1("PROXY TCP6 2001:db8::9 ::1 65535 25\r\n"));
    }

    @Test
    void v1UnknownMeansTheProxyItself() throws IOException {
        assertEquals(Optional.empty(), v1("PROXY UNKNOWN\r\n"));
        assertEquals(Optional.empty(), v1("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"));
    }

    @Test
    void v1OfTheLongestLegalLengthIsRead() throws IOException {
        String longest = "PROXY UNKNOWN " + "x".repeat(ProxyHeader.V1_MAX - 16) + "\r\n";
        assertEquals(ProxyHeader.V1_MAX, longest.length());
        assertEquals(Optional.empty(), v1(longest));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 192.0.2.9 127.0.0.1 5555 65536\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 99999 25\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 -1 25\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 0025 25\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 x 25\r\n",
        "PROXY TCP4 192.0.2.256 127.0.0.1 5555 25\r\n",
        "PROXY TCP4 192.0.2 127.0.0.1 5555 25\r\n",
        "PROXY TCP4 2001:db8::9 ::1 5555 25\r\n",
        "PROXY TCP6 192.0.2.9 127.0.0.1 5555 25\r\n",
        "PROXY TCP4 mail.example 127.0.0.1 5555 25\r\n",
        "PROXY TCP4  192.0.2.9 127.0.0.1 5555 25\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 5555\r\n",
        "PROXY UDP4 192.0.2.9 127.0.0.1 5555 25\r\n",
        "PROXY TCP4 192.0.2.9 127.0.0.1 5555 25\n",
        "PROXYTCP4 192.0.2.9 127.0.0.1 5555 25\r\n",
        "EHLO client.example\r\n"})
    void hostileV1IsRefused(String line) {
        assertThrows(ProxyHeader.Invalid.class, () -> v1(line));
    }

    @Test
    void v1LongerThan107BytesIsRefusedWithoutReadingOn() {
        String tooLong = "PROXY UNKNOWN " + "x".repeat(ProxyHeader.V1_MAX - 15) + "\r\n";
        ByteArrayInputStream in = new ByteArrayInputStream((tooLong + "y".repeat(1000))
                .getBytes(StandardCharsets.US_ASCII));
        assertThrows(ProxyHeader.Invalid.class, () -> ProxyHeader.read(in));
        assertTrue(in.available() > 1000, "it stopped at the limit");
    }

    @Test
    void v1CutShortIsAnEndOfFile() {
        assertThrows(EOFException.class, () -> v1("PROXY TCP4 192.0.2.9"));
        assertThrows(EOFException.class, () -> read(new byte[0]));
    }

    @Test
    void v2Tcp4NamesTheSourceAndSkipsTlvs() throws IOException {
        byte[] header = v2(0x21, 0x11, 192, 0, 2, 9, 127, 0, 0, 1, 0x15, 0xb3, 0, 25, 0x04, 0, 1, 'x');
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(header);
        stream.writeBytes("EHLO".getBytes(StandardCharsets.US_ASCII));
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
        assertEquals(Optional.of(at("192.0.2.9", 5555)), ProxyHeader.read(in));
        assertEquals("EHLO", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void v2Tcp6() throws IOException {
        int[] body = new int[36];
        body[0] = 0x20;
        body[1] = 0x01;
        body[2] = 0x0d;
        body[3] = 0xb8;
        body[15] = 9;
        body[31] = 1;
        body[32] = 0xff;
        body[33] = 0xff;
        body[35] = 25;
        assertEquals(Optional.of(at("2001:db8::9", 65535)), read(v2(0x21, 0x21, body)));
    }

    @Test
    void v2LocalAndNonIpFamiliesMeanTheProxyItself() throws IOException {
        assertEquals(Optional.empty(), read(v2(0x20, 0x00)));
        assertEquals(Optional.empty(), read(v2(0x20, 0x11, 1, 2, 3)), "LOCAL ignores what follows");
        assertEquals(Optional.empty(), read(v2(0x21, 0x00)));
        assertEquals(Optional.empty(), read(v2(0x21, 0x31, new int[216])));
    }

    @Test
    void hostileV2IsRefused() {
        assertThrows(ProxyHeader.Invalid.class, () -> read(v2(0x22, 0x11, new int[12])), "an unknown command");
        assertThrows(ProxyHeader.Invalid.class, () -> read(v2(0x11, 0x11, new int[12])), "version 1 in a v2 header");
        assertThrows(ProxyHeader.Invalid.class, () -> read(v2(0x21, 0x12, new int[12])), "UDP");
        assertThrows(ProxyHeader.Invalid.class, () -> read(v2(0x21, 0x11, new int[11])), "addresses too short");
        assertThrows(ProxyHeader.Invalid.class, () -> read(v2(0x21, 0x21, new int[12])), "IPv6 addresses in 12");
        assertThrows(ProxyHeader.Invalid.class,
                () -> read(v2(0x21, 0x11, new int[ProxyHeader.V2_MAX_LENGTH + 1])), "longer than 536 in all");
        byte[] wrong = v2(0x21, 0x11, new int[12]);
        wrong[7] = 'X';
        assertThrows(ProxyHeader.Invalid.class, () -> read(wrong), "a wrong signature");
    }

    @Test
    void truncatedV2IsAnEndOfFile() {
        byte[] whole = v2(0x21, 0x11, 192, 0, 2, 9, 127, 0, 0, 1, 0x15, 0xb3, 0, 25);
        for (int cut : new int[] {1, 10, 15, 16, whole.length - 1}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThrows(EOFException.class, () -> read(part), "cut after " + cut + " bytes");
        }
    }
}
