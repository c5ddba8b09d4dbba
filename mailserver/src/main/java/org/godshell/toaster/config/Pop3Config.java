package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting the POP3 server reads from {@code control/}. Built by {@link #load}, which refuses to return
 * anything if one file is bad.
 *
 * @param me                  this host's name ({@code control/me}), in the greeting and the goodbye
 * @param listenPop3          where to listen for plain POP3 with STLS, port 110 ({@code control/listen-pop3});
 *                            empty when the file is missing
 * @param listenPop3s         where TLS starts on connect, port 995, RFC 8314 ({@code control/listen-pop3s});
 *                            empty when the file is missing
 * @param timeout             how long to wait for a command ({@code control/timeoutpop3d}); RFC 1939 §3 asks
 *                            for at least ten minutes
 * @param maxConnections      simultaneous connections ({@code control/concurrencypop3})
 * @param maxConnectionsPerIp simultaneous connections per client address ({@code control/concurrencypop3perip})
 */
public record Pop3Config(String me, List<InetSocketAddress> listenPop3, List<InetSocketAddress> listenPop3s,
        Duration timeout, int maxConnections, int maxConnectionsPerIp) {

    /** RFC 1939 §3: "at least 10 minutes" of idleness before the server may log a client out. */
    static final long DEFAULT_TIMEOUT_SECONDS = 600;
    static final int DEFAULT_MAX_CONNECTIONS = 40;
    /** A household behind one NAT address with a phone, a laptop and a desktop each polling, with room to spare. */
    static final int DEFAULT_MAX_PER_IP = 10;

    public Pop3Config {
        Objects.requireNonNull(me, "me");
        listenPop3 = List.copyOf(listenPop3);
        listenPop3s = List.copyOf(listenPop3s);
    }

    /** Reads the POP3 control files of {@code controlDir}; a missing file is its default. */
    public static Pop3Config load(Path controlDir) throws ConfigException {
        Optional<ControlFile.Line> meLine = ControlFile.firstLine(controlDir.resolve("me"));
        String me = meLine.isPresent() ? Values.hostName(controlDir.resolve("me"), meLine.get())
                : SmtpConfigLoader.localHostName();
        List<InetSocketAddress> plain = ListenAddresses.load(controlDir.resolve("listen-pop3")).orElse(List.of());
        List<InetSocketAddress> implicit = ListenAddresses.load(controlDir.resolve("listen-pop3s")).orElse(List.of());
        long timeout = number(controlDir, "timeoutpop3d", "a number of seconds",
                "write a whole number of seconds, at least 600 (RFC 1939 §3)", 600, Integer.MAX_VALUE,
                DEFAULT_TIMEOUT_SECONDS);
        int total = (int) number(controlDir, "concurrencypop3", "a number of connections",
                "write a whole number such as 40", 1, Integer.MAX_VALUE, DEFAULT_MAX_CONNECTIONS);
        int perIp = (int) number(controlDir, "concurrencypop3perip", "a number of connections",
                "write a whole number such as 10", 1, Integer.MAX_VALUE, DEFAULT_MAX_PER_IP);
        return new Pop3Config(me, plain, implicit, Duration.ofSeconds(timeout), total, perIp);
    }

    private static long number(Path dir, String name, String what, String fix, long min, long max, long fallback)
            throws ConfigException {
        Path file = dir.resolve(name);
        Optional<ControlFile.Line> line = ControlFile.firstLine(file);
        return line.isPresent() ? Values.number(file, line.get(), what, fix, min, max) : fallback;
    }
}
