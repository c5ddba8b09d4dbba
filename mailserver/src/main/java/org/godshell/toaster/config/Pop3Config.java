package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting the POP3 server reads from {@code control/}. Made by {@link #make} from the control-file table;
 * pop3d holds it as a {@link Live} value and asks for it at every connection (the listen addresses excepted:
 * they are bound at start).
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

    public Pop3Config {
        Objects.requireNonNull(me, "me");
        listenPop3 = List.copyOf(listenPop3);
        listenPop3s = List.copyOf(listenPop3s);
    }

    /** Reads the POP3 control files of {@code controlDir} once; a missing file is its default. */
    public static Pop3Config load(Path controlDir) throws ConfigException {
        return make(Controls.once(controlDir));
    }

    public static Pop3Config make(Reads r) throws ConfigException {
        return new Pop3Config(r.get(ControlFiles.ME), r.get(ControlFiles.LISTEN_POP3), r.get(ControlFiles.LISTEN_POP3S),
                Duration.ofSeconds(r.get(ControlFiles.TIMEOUTPOP3D)), r.get(ControlFiles.CONCURRENCYPOP3).intValue(),
                r.get(ControlFiles.CONCURRENCYPOP3PERIP).intValue());
    }
}
