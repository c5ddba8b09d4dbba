package org.godshell.toaster.smtpc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.godshell.toaster.smtp.Reply;

/**
 * One SMTP connection from the client side: commands out, replies in, STARTTLS in between. Every reply is read
 * against a deadline for the whole reply and every write is guarded by a {@link WriteWatchdog}, so no call
 * here can block longer than the timeout it was given (plus the connect timeout once).
 *
 * <p>Commands are buffered until {@link #flush}, which is what PIPELINING needs (RFC 2920 §3.1); a caller that
 * does not pipeline flushes after each command. Blocking, for virtual threads; not thread-safe.
 */
public final class SmtpClient implements Closeable {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Socket socket;
    private final WriteWatchdog watchdog;
    private Duration writeTimeout;
    private long readDeadline;
    private InputStream in;
    private OutputStream out;
    private ReplyReader replies;

    private SmtpClient(Socket socket, Duration writeTimeout) throws IOException {
        this.socket = socket;
        this.writeTimeout = writeTimeout;
        this.watchdog = new WriteWatchdog(this::closeSocket);
        streams();
    }

    /** Connects within {@code timeout}; {@code writeTimeout} bounds each later write. */
    public static SmtpClient connect(InetSocketAddress address, Duration timeout, Duration writeTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            socket.setTcpNoDelay(true);
            return new SmtpClient(socket, writeTimeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(new DeadlineInput(socket.getInputStream()), 4096);
        out = new BufferedOutputStream(new GuardedOutput(socket.getOutputStream()), 16 * 1024);
        replies = new ReplyReader(in);
    }

    /** Reads one reply; the whole reply must arrive within {@code timeout}. */
    public Reply read(Duration timeout) throws IOException {
        readDeadline = System.nanoTime() + timeout.toNanos();
        try {
            return replies.read();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no complete reply within " + timeout.toSeconds() + " s");
        }
    }

    /** Buffers one command line; CR, LF and NUL are refused, as they would start another command. */
    public void send(String command) throws IOException {
        if (command.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("command contains CR, LF or NUL");
        }
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Where message data goes (wrap it in a DotEncoder); every write is bounded by the write timeout. */
    public OutputStream data() {
        return out;
    }

    /**
     * Upgrades to TLS after the server's 220 to STARTTLS (RFC 3207 §4) and completes the handshake within
     * {@code timeout}, with the sockets of {@code factory}, whose trust manager decides the server's certificate
     * (accept any for opportunistic TLS, RFC 7435; an MTA-STS or DANE check, RFC 8461 §4.2, RFC 7672 §3). Bytes
     * the server sent after its 220 and before the handshake are dropped, never read as replies inside TLS (the
     * client side of CVE-2011-0411). {@code serverName} is sent as SNI when it is a host name. TLS 1.3 and 1.2
     * only (RFC 8996).
     */
    public void startTls(SSLSocketFactory factory, String serverName, Duration timeout) throws IOException {
        SSLSocket secure = (SSLSocket) factory.createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secure.setUseClientMode(true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        if (serverName.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z][a-z0-9-]*")) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        secure.setSSLParameters(parameters);
        socket = secure;
        Duration saved = writeTimeout;
        writeTimeout = timeout;
        readDeadline = System.nanoTime() + timeout.toNanos();
        watchdog.arm(timeout);
        try {
            secure.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            secure.startHandshake();
        } finally {
            watchdog.disarm();
            writeTimeout = saved;
        }
        streams();
    }

    /** "TLSv1.3 TLS_AES_256_GCM_SHA384", or empty when the connection is plain. */
    public String tlsDescription() {
        if (socket instanceof SSLSocket secure) {
            SSLSession session = secure.getSession();
            return session.getProtocol() + " " + session.getCipherSuite();
        }
        return "";
    }

    public boolean tls() {
        return socket instanceof SSLSocket;
    }

    /** The server's address as text, for logs and diagnoses. */
    public String peerAddress() {
        return socket.getInetAddress().getHostAddress();
    }

    private void closeSocket() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        watchdog.close();
        socket.close();
    }

    /** Sets the socket's read timeout to what is left of the reply deadline before every read. */
    private final class DeadlineInput extends FilterInputStream {
        DeadlineInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = readDeadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("reply deadline passed");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            return super.read(b, off, len);
        }
    }

    /** Arms the watchdog around every write and flush to the socket. */
    private final class GuardedOutput extends FilterOutputStream {
        GuardedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            watchdog.arm(writeTimeout);
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw watchdog.fired() ? new SocketTimeoutException("write not done within "
                        + writeTimeout.toSeconds() + " s: the server stopped reading") : e;
            } finally {
                watchdog.disarm();
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
