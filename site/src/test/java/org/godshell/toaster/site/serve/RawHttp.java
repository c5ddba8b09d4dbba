package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Requests written byte for byte to a loopback port, as a hostile client may write them (any Host, any query),
 * with {@code Connection: close} so that the answer ends with the connection.
 */
/** HTTP/1.1 requests written byte for byte to a server on loopback, and their answers read whole (tests). */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    public static Answer send(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return exchange(socket, head, body);
        }
    }

    /** The same over TLS, trusting what {@code client} trusts; no SNI (the address is an IP). */
    static Answer sendTls(SSLContext client, int port, String head) throws IOException {
        try (Socket socket = client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            return exchange(socket, head, new byte[0]);
        }
    }

    private static Answer exchange(Socket socket, String head, byte[] body) throws IOException {
        socket.setSoTimeout(60_000);                                    // a safety net only: the answer comes at once
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return parse(socket.getInputStream().readAllBytes());
    }

    static Answer get(int port, String target, String host) throws IOException {
        return send(port, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
    }

    static Answer post(int port, String target, String host, byte[] body) throws IOException {
        return send(port, "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: text/xml\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
    }

    private static Answer parse(byte[] all) {
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new AssertionError("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                Arrays.copyOfRange(all, end + 4, all.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
