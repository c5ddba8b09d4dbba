package org.godshell.toaster.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code control/proxyfrom}: the proxies (haproxy, nginx {@code stream}) whose connections start with a PROXY
 * protocol header naming the real client. One address or CIDR block a line, IPv4 or IPv6, in the syntax of
 * {@code tcp.smtp}'s addresses ({@link AddressPattern}). Only these peers are believed: anyone else who sends
 * {@code PROXY} is an ordinary client with an unknown command. Immutable.
 */
public final class ProxySources {

    private final List<AddressPattern> patterns;
    private final List<String> lines;

    private ProxySources(List<AddressPattern> patterns, List<String> lines) {
        this.patterns = List.copyOf(patterns);
        this.lines = List.copyOf(lines);
    }

    /** No proxy: what a missing file means. */
    public static ProxySources none() {
        return new ProxySources(List.of(), List.of());
    }

    static ProxySources fromLines(Path file, List<ControlFile.Line> lines) throws ConfigException {
        List<AddressPattern> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ControlFile.Line line : lines) {
            patterns.add(AddressPattern.parse(line.text().strip(), file, line.number()));
            texts.add(line.text());
        }
        return new ProxySources(patterns, texts);
    }

    /** Whether {@code peer} is a listed proxy; an IPv4-mapped IPv6 address is matched as its IPv4 address. */
    public boolean contains(InetAddress peer) {
        if (patterns.isEmpty()) {
            return false;                           // asked at every connection; most servers list no proxy
        }
        byte[] address = peer.getAddress();
        byte[] plain = IpLiteral.unmapped(address).orElse(address);
        return patterns.stream().anyMatch(p -> p.matches(plain));
    }

    /** The lines as written, for {@code toaster showconfig}. */
    public List<String> lines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySources other && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return "ProxySources" + lines;
    }
}
