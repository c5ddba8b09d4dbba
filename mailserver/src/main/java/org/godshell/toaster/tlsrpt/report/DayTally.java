package org.godshell.toaster.tlsrpt.report;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.SessionResult;

/**
 * A day's results counted per policy domain (lower case, without a final dot: the name a TLSRPT record is looked
 * up under) and, within it, per policy: the same type, text and {@code mx} patterns (RFC 8460 §4.4). Domains
 * come out sorted, policies in the order first seen. Not thread-safe.
 */
public final class DayTally {

    private final Map<String, Map<AppliedPolicy, PolicyTally>> domains = new TreeMap<>();

    public void add(SessionResult result) {
        AppliedPolicy given = result.policy();
        String domain = domain(given.domain());
        AppliedPolicy policy = new AppliedPolicy(given.type(), domain, given.policyStrings(), given.mxHosts());
        PolicyTally tally = domains.computeIfAbsent(domain, d -> new LinkedHashMap<>())
                .computeIfAbsent(policy, PolicyTally::new);
        result.failure().ifPresentOrElse(failure -> tally.failure(new FailureGroup(failure.type(),
                        failure.receivingMx(), failure.receivingIp().map(ip -> ip.getHostAddress()),
                        failure.additionalInfo())),
                tally::success);
    }

    public List<String> domains() {
        return List.copyOf(domains.keySet());
    }

    public List<PolicyTally> policies(String domain) {
        Map<AppliedPolicy, PolicyTally> policies = domains.get(domain);
        return policies == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(policies.values()));
    }

    /** An internationalized name as its A-labels (RFC 5890), which DNS, the JSON and mail headers all carry. */
    static String domain(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        try {
            return IDN.toASCII(bare).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return bare;                                        // not a name: its TLSRPT lookup finds nothing
        }
    }
}
