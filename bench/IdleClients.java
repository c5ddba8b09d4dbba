import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/idle.sh's client: holds many SMTP sessions open and idle, each on a virtual thread that blocks in a read
 * until the server closes it. Run by the source launcher: {@code java bench/IdleClients.java HOST PORT SOURCES};
 * SOURCES is how many loopback source addresses (127.0.0.2 on) the sessions are spread over, so that ephemeral
 * ports do not run short. It reads commands on stdin and answers each with one line on stdout:
 *
 * <pre>
 *   open N ehlo|data   N more sessions: banner, EHLO, then idle; or also MAIL, RCPT, DATA and a few header
 *                      lines, then idle in the middle of the message (a slow client)
 *   probe              a fresh session: milliseconds to the banner and to EHLO's reply, then QUIT
 *   count              sessions still open, and those the server closed (with its last line)
 *   wait N SECONDS     waits until at most N sessions are open or SECONDS pass; prints the count
 *   close              closes every session
 * </pre>
 */
public final class IdleClients {

    private static final String HELO = "EHLO idle.bench.localhost\r\n";
    private static final String MESSAGE = "MAIL FROM:<idle@bench.localhost>\r\nRCPT TO:<postmaster@bench.localhost>"
            + "\r\nDATA\r\n";

    private final InetAddress host;
    private final int port;
    private final int sources;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong closeMillis = new AtomicLong();
    private final Set<String> lastLines = ConcurrentHashMap.newKeySet();

    private IdleClients(InetAddress host, int port, int sources) {
        this.host = host;
        this.port = port;
        this.sources = sources;
    }

    public static void main(String[] args) throws Exception {
        IdleClients clients = new IdleClients(InetAddress.getByName(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = commands.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            String answer = switch (words[0]) {
                case "open" -> clients.open(Integer.parseInt(words[1]), words[2].equals("data"));
                case "probe" -> clients.probe();
                case "count" -> clients.count();
                case "wait" -> clients.waitFor(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "close" -> clients.closeAll();
                default -> "unknown command " + words[0];
            };
            System.out.println(answer);
            System.out.flush();
        }
        clients.closeAll();
    }

    /** Opens n sessions, 200 handshakes at a time (the listen backlog is the server's, not ours to flood). */
    private String open(int n, boolean inData) throws InterruptedException {
        int failedBefore = failed.get();
        long start = System.nanoTime();
        Semaphore handshakes = new Semaphore(200);
        CountDownLatch ready = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            handshakes.acquire();
            int index = opened.incrementAndGet();
            Thread.ofVirtual().start(() -> hold(index, inData, handshakes, ready));
        }
        ready.await();
        return "opened " + n + " in " + (System.nanoTime() - start) / 1_000_000 + " ms, open " + open.size()
                + ", failed " + (failed.get() - failedBefore);
    }

    private void hold(int index, boolean inData, Semaphore handshakes, CountDownLatch ready) {
        Socket socket = new Socket();
        long since = 0;
        String last = "";
        try (socket) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0,
                (byte) (2 + index % sources)}), 0));
            socket.connect(new InetSocketAddress(host, port), 30_000);
            // A server out of descriptors leaves connections in its backlog, never greeted: give up on those.
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            last = reply(in);
            out.write(HELO.getBytes(StandardCharsets.US_ASCII));
            last = reply(in);
            if (inData) {
                out.write(MESSAGE.getBytes(StandardCharsets.US_ASCII));
                for (int replies = 0; replies < 3; replies++) {
                    last = reply(in);
                }
                out.write("From: idle@bench.localhost\r\nSubject: slow\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (!last.startsWith("2") && !last.startsWith("3")) {
                throw new IOException("refused: " + last);
            }
            socket.setSoTimeout(0);
            open.add(socket);
            since = System.nanoTime();
            handshakes.release();
            ready.countDown();
            last = readUntilClosed(in);
            closedByServer.incrementAndGet();
            closeMillis.addAndGet((System.nanoTime() - since) / 1_000_000);
            lastLines.add(last.length() > 60 ? last.substring(0, 60) : last);
        } catch (IOException e) {
            if (since == 0) {
                failed.incrementAndGet();
                lastLines.add("failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                handshakes.release();
                ready.countDown();
            }
        } finally {
            open.remove(socket);
        }
    }

    /** One whole reply, multi-line included (RFC 5321 §4.2.1): its last line. */
    private static String reply(InputStream in) throws IOException {
        while (true) {
            String line = line(in);
            if (line == null) {
                throw new IOException("closed by the server");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                return line.toString().strip();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString().strip();
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        String last = "(nothing)";
        for (String line; (line = line(in)) != null; ) {
            last = line;
        }
        return last;
    }

    private String probe() {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 30_000);
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            reply(in);
            long banner = System.nanoTime();
            socket.getOutputStream().write(HELO.getBytes(StandardCharsets.US_ASCII));
            String ehlo = reply(in);
            long end = System.nanoTime();
            socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return String.format("probe banner %.1f ms, EHLO reply %.1f ms (%s)", (banner - start) / 1e6,
                    (end - start) / 1e6, ehlo);
        } catch (IOException e) {
            return "probe failed: " + e.getMessage();
        }
    }

    private String count() {
        int closed = closedByServer.get();
        List<String> lines = new ArrayList<>(lastLines);
        return "open " + open.size() + ", closed by the server " + closed
                + (closed == 0 ? "" : String.format(" after %.1f s on average", closeMillis.get() / 1000.0 / closed))
                + ", failed " + failed.get() + (lines.isEmpty() ? "" : ", last lines " + lines);
    }

    private String waitFor(int atMost, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (open.size() > atMost && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return count();
    }

    private String closeAll() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        open.clear();
        return "closed";
    }
}
