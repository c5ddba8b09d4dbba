package org.godshell.toaster.tlsrpt.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.xbill.DNS.Address;

/**
 * One session's outcome as one line of a day file: tab-separated fields, each {@link Escape escaped}.
 *
 * <pre>
 * 1 TAB policy-type TAB policy-domain TAB policy-strings TAB mx-patterns TAB ok
 * 1 TAB policy-type TAB policy-domain TAB policy-strings TAB mx-patterns TAB result-type TAB mx TAB ip TAB info
 * </pre>
 *
 * A list is empty, or its items each written {@code =ITEM} and joined with commas; an address is {@code -} when
 * no connection was made. The leading {@code 1} is the format's version: a reader refuses every other.
 * {@link #decode} accepts exactly what {@link #encode} writes, so a torn or edited line is refused, not guessed.
 */
public final class ResultLine {

    /** Longer lines are neither written nor read: a policy with pages of text is not worth a report. */
    public static final int MAX_LENGTH = 32 * 1024;

    /** The most of a failure's additional information kept; the rest is cut. */
    public static final int MAX_INFO = 256;

    private static final String VERSION = "1";
    private static final String SUCCESS = "ok";
    private static final String NO_ADDRESS = "-";

    private ResultLine() {
    }

    public static String encode(SessionResult result) {
        AppliedPolicy policy = result.policy();
        StringBuilder line = new StringBuilder(VERSION).append('\t').append(policy.type().wire())
                .append('\t').append(Escape.encode(policy.domain()))
                .append('\t').append(list(policy.policyStrings()))
                .append('\t').append(list(policy.mxHosts())).append('\t');
        result.failure().ifPresentOrElse(failure -> line.append(failure.type().wire())
                .append('\t').append(Escape.encode(failure.receivingMx()))
                .append('\t').append(failure.receivingIp().map(ResultLine::address).orElse(NO_ADDRESS))
                .append('\t').append(Escape.encode(cut(failure.additionalInfo()))),
                () -> line.append(SUCCESS));
        return line.toString();
    }

    public static Optional<SessionResult> decode(String line) {
        if (line.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != 6 && fields.length != 9 || !fields[0].equals(VERSION)) {
            return Optional.empty();
        }
        Optional<PolicyType> type = policyType(fields[1]);
        Optional<String> domain = Escape.decode(fields[2]);
        Optional<List<String>> strings = list(fields[3]);
        Optional<List<String>> mx = list(fields[4]);
        if (type.isEmpty() || domain.isEmpty() || domain.get().isEmpty() || strings.isEmpty() || mx.isEmpty()) {
            return Optional.empty();
        }
        AppliedPolicy policy = new AppliedPolicy(type.get(), domain.get(), strings.get(), mx.get());
        if (fields.length == 6) {
            return fields[5].equals(SUCCESS) ? Optional.of(SessionResult.success(policy)) : Optional.empty();
        }
        Optional<ResultType> result = resultType(fields[5]);
        Optional<String> host = Escape.decode(fields[6]);
        Optional<Optional<InetAddress>> ip = ip(fields[7]);
        Optional<String> info = Escape.decode(fields[8]);
        if (result.isEmpty() || host.isEmpty() || ip.isEmpty() || info.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SessionResult.failed(policy,
                new SessionResult.Failure(result.get(), host.get(), ip.get(), info.get())));
    }

    private static String cut(String info) {
        return info.length() <= MAX_INFO ? info : info.substring(0, MAX_INFO);
    }

    /** The address without a scope ({@code %eth0}), which means nothing to the reader of a report. */
    private static String address(InetAddress ip) {
        try {
            return InetAddress.getByAddress(ip.getAddress()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always accepted", e);
        }
    }

    private static Optional<Optional<InetAddress>> ip(String field) {
        if (field.equals(NO_ADDRESS)) {
            return Optional.of(Optional.empty());
        }
        try {
            // Address.getByAddress reads a literal only, never asking DNS.
            return Optional.of(Optional.of(Address.getByAddress(field)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String list(List<String> items) {
        List<String> encoded = new ArrayList<>(items.size());
        for (String item : items) {
            encoded.add("=" + Escape.encode(item));
        }
        return String.join(",", encoded);
    }

    private static Optional<List<String>> list(String field) {
        List<String> items = new ArrayList<>();
        if (field.isEmpty()) {
            return Optional.of(items);
        }
        for (String item : field.split(",", -1)) {
            if (!item.startsWith("=")) {
                return Optional.empty();
            }
            Optional<String> decoded = Escape.decode(item.substring(1));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            items.add(decoded.get());
        }
        return Optional.of(items);
    }

    private static Optional<PolicyType> policyType(String wire) {
        for (PolicyType type : PolicyType.values()) {
            if (type.wire().equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static Optional<ResultType> resultType(String wire) {
        for (ResultType type : ResultType.values()) {
            if (type.wire().equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
