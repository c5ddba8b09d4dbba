package org.godshell.toaster.tlsrpt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** Session results for the tests of the store, the tally and the report. */
public final class Results {

    private Results() {
    }

    public static AppliedPolicy sts(String domain) {
        return new AppliedPolicy(PolicyType.STS, domain, List.of("version: STSv1", "mode: enforce",
                "mx: *.mail." + domain, "max_age: 86400"), List.of("*.mail." + domain));
    }

    public static SessionResult ok(AppliedPolicy policy) {
        return SessionResult.success(policy);
    }

    public static SessionResult failed(AppliedPolicy policy, ResultType type, String mx, String ip, String info) {
        return SessionResult.failed(policy, new SessionResult.Failure(type, mx, Optional.ofNullable(ip)
                .map(Results::address), info));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);                // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
