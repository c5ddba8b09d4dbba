package org.godshell.toaster.mtasts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Jetty's name lookup done with the delivery's own nameservers ({@code control/dnsservers}), never the JDK's
 * resolver: the policy host is looked up where the MX hosts are. IPv4 first, as remote delivery does.
 */
record OurResolver(Dns dns, Duration timeout) implements SocketAddressResolver {

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        Thread.ofVirtual().name("mta-sts-resolve").start(() -> {
            List<InetSocketAddress> found = new ArrayList<>();
            String failure = "host " + host + " has no A or AAAA record";
            for (int type : new int[] {Type.A, Type.AAAA}) {
                switch (dns.query(host, type, timeout)) {
                    case Answer.Data data -> {
                        for (Record record : data.records()) {
                            InetAddress address = record instanceof ARecord a ? a.getAddress()
                                    : record instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                            if (address != null) {
                                found.add(new InetSocketAddress(address, port));
                            }
                        }
                    }
                    case Answer.Empty e -> {
                        if (e.nxdomain()) {
                            failure = "host " + host + " does not exist (NXDOMAIN)";
                        }
                    }
                    case Answer.Temporary t -> failure = Type.string(type) + " lookup for " + host + " failed: "
                            + t.reason();
                }
            }
            if (found.isEmpty()) {
                promise.failed(new UnknownHostException(failure));
            } else {
                promise.succeeded(found);
            }
        });
    }
}
