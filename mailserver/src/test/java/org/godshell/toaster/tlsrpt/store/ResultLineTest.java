package org.godshell.toaster.tlsrpt.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.Results;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One result per line: what is written reads back the same, and nothing else reads at all. */
class ResultLineTest {

    private static void roundTrip(SessionResult result) {
        String line = ResultLine.encode(result);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t'), line);
        assertEquals(Optional.of(result), ResultLine.decode(line), line);
    }

    @Test
    void successesAndFailuresOfEveryKindRoundTrip() {
        roundTrip(Results.ok(Results.sts("example.net")));
        roundTrip(Results.ok(AppliedPolicy.none("example.org")));
        roundTrip(Results.ok(new AppliedPolicy(PolicyType.TLSA, "example.com",
                List.of("3 1 1 0123abcd"), List.of())));
        for (ResultType type : ResultType.values()) {
            roundTrip(Results.failed(Results.sts("example.net"), type, "mx1.mail.example.net", "192.0.2.7", "x"));
        }
        roundTrip(Results.failed(AppliedPolicy.none("example.org"), ResultType.STARTTLS_NOT_SUPPORTED,
                "mx.example.org", "2001:db8::25", ""));
        roundTrip(Results.failed(AppliedPolicy.none("example.org"), ResultType.VALIDATION_FAILURE,
                "mx.example.org", null, "connection refused"));
    }

    @Test
    void hostileTextRoundTripsWithoutBreakingTheLine() {
        String hostile = "a\tb\nc\r\nd,e=f%g \u0000\u00e9\ud83d\ude00\\\"";
        roundTrip(Results.failed(new AppliedPolicy(PolicyType.STS, hostile, List.of(hostile, "", ","),
                List.of("=", hostile)), ResultType.CERTIFICATE_EXPIRED, hostile, "192.0.2.1", hostile));
    }

    @Test
    void anEmptyListAndAListOfOneEmptyStringDiffer() {
        roundTrip(Results.ok(new AppliedPolicy(PolicyType.STS, "example.net", List.of(""), List.of())));
        roundTrip(Results.ok(new AppliedPolicy(PolicyType.STS, "example.net", List.of(), List.of(""))));
    }

    @Test
    void longAdditionalInformationIsCut() {
        SessionResult result = Results.failed(Results.sts("example.net"), ResultType.VALIDATION_FAILURE,
                "mx.example.net", null, "x".repeat(5000));
        SessionResult.Failure read = ResultLine.decode(ResultLine.encode(result)).orElseThrow().failure()
                .orElseThrow();
        assertEquals("x".repeat(ResultLine.MAX_INFO), read.additionalInfo());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "1",
        "2\tsts\texample.net\t\t\tok",
        "1\tsts\texample.net\t\t\tOK",
        "1\tSTS\texample.net\t\t\tok",
        "1\tdane\texample.net\t\t\tok",
        "1\tsts\t\t\t\tok",
        "1\tsts\texample.net\t\t\tok\t",
        "1\tsts\texample.net\tno-equals\t\tok",
        "1\tsts\texample.net\t=a,,=b\t\tok",
        "1\tsts\texample.net\t=a%\t\tok",
        "1\tsts\texample.net\t=a%2\t\tok",
        "1\tsts\texample.net\t=a%2c\t\tok",
        "1\tsts\texample.net\t=%41\t\tok",
        "1\tsts\texample.net\t=a b\t\tok",
        "1\tsts\texample.net\t=%C3\t\tok",
        "1\tsts\texample.net\t=%ED%A0%80\t\tok",
        "1\tsts\texample.net\t\t\tcertificate-expired\tmx.example.net\t192.0.2.1",
        "1\tsts\texample.net\t\t\tbogus-type\tmx.example.net\t192.0.2.1\tinfo",
        "1\tsts\texample.net\t\t\tok\tmx.example.net\t192.0.2.1\tinfo",
        "1\tsts\texample.net\t\t\tcertificate-expired\tmx.example.net\tmx.example.net\tinfo",
        "1\tsts\texample.net\t\t\tcertificate-expired\tmx.example.net\t999.0.2.1\tinfo",
        "1\tsts\texample.net\t\t\tcertificate-expired\tmx.example.net\t\tinfo",
        "1\tsts\texample.net\t\t\tcertificate-expired\tmx.example.net\t-\tin fo",
        "1\tsts\texample.n\u00e9t\t\t\tok",
    })
    void malformedLinesAreRefused(String line) {
        assertEquals(Optional.empty(), ResultLine.decode(line), line);
    }

    @Test
    void anOverlongLineIsRefused() {
        assertEquals(Optional.empty(), ResultLine.decode("1\tsts\t" + "a".repeat(ResultLine.MAX_LENGTH) + "\t\t\tok"));
    }
}
