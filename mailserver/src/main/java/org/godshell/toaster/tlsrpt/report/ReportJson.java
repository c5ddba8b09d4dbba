package org.godshell.toaster.tlsrpt.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.json.JsonText;
import org.godshell.toaster.tlsrpt.AppliedPolicy;

/**
 * The report as RFC 8460 §4.4 lays it out: organization-name, date-range, contact-info, report-id and one
 * policies element per policy, each with its summary and, when sessions failed, their failure-details.
 * Optional members are left out rather than written empty: policy-string and mx-host when the policy has
 * none, receiving-ip when no connection was made, additional-information when there is none. sending-mta-ip is
 * not written: delivery does not record which of our addresses a session left from.
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static String write(ReportHeader header, List<PolicyTally> policies) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        member(out, "organization-name");
        JsonText.string(out, header.organization());
        out.append(",\"date-range\":{");
        member(out, "start-datetime");
        JsonText.string(out, timestamp(header.begin()));
        out.append(',');
        member(out, "end-datetime");
        JsonText.string(out, timestamp(header.end()));
        out.append("},");
        member(out, "contact-info");
        JsonText.string(out, header.contact());
        out.append(',');
        member(out, "report-id");
        JsonText.string(out, header.reportId());
        out.append(",\"policies\":[");
        for (int i = 0; i < policies.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            policy(out, policies.get(i));
        }
        return out.append("]}").toString();
    }

    private static void policy(StringBuilder out, PolicyTally tally) {
        AppliedPolicy policy = tally.policy();
        out.append("{\"policy\":{");
        member(out, "policy-type");
        JsonText.string(out, policy.type().wire());
        if (!policy.policyStrings().isEmpty()) {
            out.append(',');
            member(out, "policy-string");
            array(out, policy.policyStrings());
        }
        out.append(',');
        member(out, "policy-domain");
        JsonText.string(out, policy.domain());
        if (!policy.mxHosts().isEmpty()) {
            out.append(',');
            member(out, "mx-host");
            array(out, policy.mxHosts());
        }
        out.append("},\"summary\":{\"total-successful-session-count\":").append(tally.successful())
                .append(",\"total-failure-session-count\":").append(tally.failed()).append('}');
        if (!tally.failures().isEmpty()) {
            out.append(",\"failure-details\":[");
            boolean first = true;
            for (Map.Entry<FailureGroup, Long> entry : tally.failures().entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                failure(out, entry.getKey(), entry.getValue());
            }
            out.append(']');
        }
        out.append('}');
    }

    private static void failure(StringBuilder out, FailureGroup group, long count) {
        out.append('{');
        member(out, "result-type");
        JsonText.string(out, group.type().wire());
        out.append(',');
        member(out, "receiving-mx-hostname");
        JsonText.string(out, group.receivingMx());
        if (group.receivingIp().isPresent()) {
            out.append(',');
            member(out, "receiving-ip");
            JsonText.string(out, group.receivingIp().get());
        }
        out.append(",\"failed-session-count\":").append(count);
        if (!group.additionalInfo().isEmpty()) {
            out.append(',');
            member(out, "additional-information");
            JsonText.string(out, group.additionalInfo());
        }
        out.append('}');
    }

    private static StringBuilder member(StringBuilder out, String name) {
        return out.append('"').append(name).append("\":");
    }

    private static void array(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.string(out, values.get(i));
        }
        out.append(']');
    }

    /** RFC 3339 in UTC with a Z, as §4.4's example writes it: {@code 2016-04-01T00:00:00Z}. */
    private static String timestamp(long epochSecond) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
    }
}
