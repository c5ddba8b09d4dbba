package org.godshell.toaster.tlsrpt.report;

import java.util.Optional;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * What failed sessions are counted together under (RFC 8460 §4.4, "failure-details"): the same result type, at
 * the same host and address, with the same additional information.
 */
public record FailureGroup(ResultType type, String receivingMx, Optional<String> receivingIp,
                           String additionalInfo) {}
