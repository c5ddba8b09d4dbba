package org.godshell.toaster.dane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * The nameservers dnsjava's validator sends its questions to: tried in order as {@code dns.Dns} tries them, each
 * with an equal share of the time left before one deadline. A server that times out or answers anything but
 * NOERROR or NXDOMAIN passes the question on; when none answers, the question fails with an {@link IOException},
 * so that the validator's caller sees "no answer" rather than a SERVFAIL it would take for a validation failure.
 *
 * <p>Every question goes out with EDNS0 and the DO bit (RFC 4035 §3.2.1) and, from the validator, CD (§3.2.2):
 * the servers must pass signatures through unchecked. One instance serves one lookup's deadline.
 */
final class ServerChain implements Resolver {

    /** RFC 6891 §6.2.5 payload that avoids fragmentation (the 2020 DNS flag day value). */
    static final int PAYLOAD = 1232;

    private final List<InetSocketAddress> servers;
    private final long deadline;

    ServerChain(List<InetSocketAddress> servers, long deadlineNanos) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no nameserver");
        }
        this.servers = List.copyOf(servers);
        this.deadline = deadlineNanos;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("dane-dns").start(() -> {
            try {
                answer.complete(send(query));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public Message send(Message query) throws IOException {
        String failure = "no time left to ask";
        for (int i = 0; i < servers.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            InetSocketAddress server = servers.get(i);
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setEDNS(0, PAYLOAD, ExtendedFlags.DO, List.of());
            resolver.setTimeout(Duration.ofNanos(left / (servers.size() - i)));
            try {
                Message response = resolver.send(query);
                int rcode = response.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    return response;
                }
                failure = server + " answered " + Rcode.string(rcode);
            } catch (IOException e) {
                failure = server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        throw new IOException(failure);
    }

    // The validator configures its head resolver; the chain's settings are fixed above, so these are ignored.

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }

    @Override
    public Duration getTimeout() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
