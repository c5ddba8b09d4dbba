package org.godshell.toaster.dns;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Address;

/**
 * {@link FixtureDns} as a process, for {@code bench/intake.sh}: the benchmark's RBL and SPF checks ask it
 * instead of the Internet. Run with the test classpath:
 *
 * <pre>java -cp ... org.godshell.toaster.dns.FixtureDnsServer 127.0.5.53:53 bench.zone</pre>
 *
 * It prints one line, {@code fixture-dns: listening on ADDRESS:PORT, N records}, once it answers, and runs until
 * it is killed. The address must be a loopback IP literal: a fixture is never reachable from elsewhere.
 */
public final class FixtureDnsServer {

    private FixtureDnsServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        FixtureDns dns;
        try {
            dns = start(args, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("fixture-dns: " + e.getMessage());
            System.err.println("usage: FixtureDnsServer LOOPBACK-IPV4:PORT ZONE-FILE");
            System.exit(2);
            return;
        }
        // Serves on its own thread until the process is killed.
        Thread.currentThread().join();
        dns.close();
    }

    /** Parses the arguments, starts the server and prints its ready line. */
    static FixtureDns start(String[] args, PrintStream out) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected 2 arguments, got " + args.length);
        }
        InetSocketAddress bind = loopback(args[0]);
        Path file = Path.of(args[1]);
        if (Files.size(file) > 1024 * 1024) {
            throw new IllegalArgumentException(file + " is over 1 MiB; a fixture zone is small");
        }
        FixtureZone zone = FixtureZone.parse(List.copyOf(Files.readAllLines(file, StandardCharsets.US_ASCII)));
        FixtureDns dns = new FixtureDns(bind);
        zone.serveWith(dns);
        out.println("fixture-dns: listening on " + dns.address().getAddress().getHostAddress() + ":"
                + dns.address().getPort() + ", " + zone.entries().size() + " records");
        out.flush();
        return dns;
    }

    static InetSocketAddress loopback(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? "" : text.substring(colon + 1);
        byte[] bytes = Address.toByteArray(host, Address.IPv4);
        if (bytes == null || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("\"" + text + "\" is not IPV4:PORT, such as 127.0.5.53:53");
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(host + " is not a loopback address (127.0.0.0/8)");
            }
            return new InetSocketAddress(address, Integer.parseInt(port));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }
}
