package org.godshell.toaster.tlsrpt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.Results;
import org.junit.jupiter.api.Test;

/** The counts of RFC 8460 §4.4, exact: per domain, per policy, failures grouped. */
class DayTallyTest {

    @Test
    void countsPerDomainPolicyAndFailureGroup() {
        DayTally tally = new DayTally();
        AppliedPolicy sts = Results.sts("example.net");
        AppliedPolicy none = AppliedPolicy.none("Example.NET.");
        for (int i = 0; i < 5; i++) {
            tally.add(Results.ok(sts));
        }
        tally.add(Results.ok(none));
        for (int i = 0; i < 3; i++) {
            tally.add(Results.failed(sts, ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", "192.0.2.1", ""));
        }
        tally.add(Results.failed(sts, ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", "192.0.2.2", ""));
        tally.add(Results.failed(sts, ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", "192.0.2.1", "x"));
        tally.add(Results.failed(sts, ResultType.STARTTLS_NOT_SUPPORTED, "mx2.mail.example.net", null, ""));
        tally.add(Results.ok(Results.sts("example.org")));

        assertEquals(List.of("example.net", "example.org"), tally.domains());
        List<PolicyTally> policies = tally.policies("example.net");
        assertEquals(2, policies.size());
        PolicyTally first = policies.get(0);
        assertEquals(sts, first.policy());
        assertEquals(5, first.successful());
        assertEquals(6, first.failed());
        assertEquals(Map.of(
                new FailureGroup(ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", Optional.of("192.0.2.1"), ""), 3L,
                new FailureGroup(ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", Optional.of("192.0.2.2"), ""), 1L,
                new FailureGroup(ResultType.CERTIFICATE_EXPIRED, "mx1.mail.example.net", Optional.of("192.0.2.1"), "x"), 1L,
                new FailureGroup(ResultType.STARTTLS_NOT_SUPPORTED, "mx2.mail.example.net", Optional.empty(), ""), 1L),
                first.failures());
        assertEquals(AppliedPolicy.none("example.net"), policies.get(1).policy());
        assertEquals(1, policies.get(1).successful());
        assertEquals(0, policies.get(1).failed());
        assertEquals(List.of(), tally.policies("example.com"));
    }

    @Test
    void failuresPastTheGroupLimitAreCountedButNotDetailed() {
        DayTally tally = new DayTally();
        AppliedPolicy sts = Results.sts("example.net");
        for (int i = 0; i < PolicyTally.MAX_GROUPS + 20; i++) {
            tally.add(Results.failed(sts, ResultType.VALIDATION_FAILURE, "mx" + i + ".example.net", null, ""));
        }
        tally.add(Results.failed(sts, ResultType.VALIDATION_FAILURE, "mx0.example.net", null, ""));
        PolicyTally policy = tally.policies("example.net").get(0);
        assertEquals(PolicyTally.MAX_GROUPS + 21, policy.failed());
        assertEquals(PolicyTally.MAX_GROUPS, policy.failures().size());
        assertEquals(20, policy.undetailed());
        assertEquals(PolicyTally.MAX_GROUPS + 1, policy.failures().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void internationalNamesAreCountedUnderTheirALabels() {
        DayTally tally = new DayTally();
        tally.add(Results.ok(AppliedPolicy.none("b\u00fccher.example")));
        assertEquals(List.of("xn--bcher-kva.example"), tally.domains());
    }
}
