import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * bench/users-smtpd.sh's client: RCPT checks through a running {@code toaster smtpd}, as a remote MTA asks
 * them. SESSIONS sessions on virtual threads, each EHLO once, then until SECONDS have passed: MAIL, PER_MESSAGE
 * RCPTs of random existing users ({@code uNNNNNN@dNNNN.bench.test}, as bench/UserLookups.java made them), one
 * at a time, and RSET. Run by the source launcher:
 *
 * <pre>
 *   java bench/RcptClient.java PORT SESSIONS SECONDS DOMAINS USERS PER_MESSAGE
 * </pre>
 *
 * Prints one line: RCPTs answered a second, how many were accepted, and the first other reply. A refused RCPT is
 * reported, not hidden: every recipient exists, so anything but 250 is the server's failure.
 */
public final class RcptClient {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java bench/RcptClient.java PORT SESSIONS SECONDS DOMAINS USERS PER_MESSAGE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        int domains = Integer.parseInt(args[3]);
        int users = Integer.parseInt(args[4]);
        int perMessage = Integer.parseInt(args[5]);
        LongAdder accepted = new LongAdder();
        LongAdder other = new LongAdder();
        AtomicReference<String> firstOther = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            SplittableRandom random = new SplittableRandom(s);
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                    socket.setSoTimeout(60_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII));
                    OutputStream out = socket.getOutputStream();
                    expect(reply(in), "220");
                    expect(command(out, in, "EHLO client.bench.test"), "250");
                    while (System.nanoTime() < deadline) {
                        expect(command(out, in, "MAIL FROM:<bench@client.bench.test>"), "250");
                        for (int r = 0; r < perMessage; r++) {
                            String rcpt = String.format("u%06d@d%04d.bench.test", random.nextInt(users),
                                    random.nextInt(domains));
                            String answer = command(out, in, "RCPT TO:<" + rcpt + ">");
                            if (answer.startsWith("250")) {
                                accepted.increment();
                            } else {
                                other.increment();
                                firstOther.compareAndSet(null, rcpt + ": " + answer);
                            }
                        }
                        expect(command(out, in, "RSET"), "250");
                    }
                    command(out, in, "QUIT");
                } catch (IOException e) {
                    firstOther.compareAndSet(null, "session failed: " + e.getMessage());
                    other.increment();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = accepted.sum() + other.sum();
        System.out.printf("rcpt %d in %.1f s: %.0f/s, accepted %d, other %d%s%n", total, seconds, total / seconds,
                accepted.sum(), other.sum(), firstOther.get() == null ? "" : " (first: " + firstOther.get() + ")");
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    /** One whole reply, multi-line included (RFC 5321 §4.2.1): its last line. */
    private static String reply(BufferedReader in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("closed by the server");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }
}
