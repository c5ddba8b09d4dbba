package org.godshell.toaster.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Record syntax (RFC 7489 §6.3, §6.4) and the §6.6.3 rules for a broken {@code p=}, with hostile records. */
class DmarcRecordTest {

    static DmarcRecord found(String text) {
        return assertInstanceOf(DmarcRecord.Parse.Found.class, DmarcRecord.parse(text), text).record();
    }

    static String invalid(String text) {
        return assertInstanceOf(DmarcRecord.Parse.Invalid.class, DmarcRecord.parse(text), text).reason();
    }

    @Test
    void everyTagAndItsDefault() {
        DmarcRecord full = found("v=DMARC1; p=quarantine; sp=reject; pct=25; adkim=s; aspf=s; fo=1:d; "
                + "rua=mailto:dmarc@example.com,mailto:x@example.net!10m; ruf=mailto:f@example.com; ri=3600; rf=afrf");
        assertEquals(new DmarcRecord(Policy.QUARANTINE, Optional.of(Policy.REJECT), 25, Alignment.STRICT,
                Alignment.STRICT, "1:d", Optional.of("mailto:dmarc@example.com,mailto:x@example.net!10m"),
                Optional.of("mailto:f@example.com"), List.of()), full);
        assertEquals(new DmarcRecord(Policy.REJECT, Optional.empty(), 100, Alignment.RELAXED, Alignment.RELAXED,
                "0", Optional.empty(), Optional.empty(), List.of()), found("v=DMARC1; p=reject"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1;p=reject", "v=DMARC1; p=reject;", "v = DMARC1 ; p = reject ; ",
        "V=DMARC1; P=REJECT", "v=DMARC1;\tp=Reject\t;;;", "v=DMARC1; foo=bar; p=reject; x-y_z=1",
        "v=DMARC1; rua=mailto:a@example.com; p=reject", "v=DMARC1; p=reject; v=DMARC2"})
    void spacingCaseOrderAndUnknownTags(String text) {
        assertEquals(Policy.REJECT, found(text).policy());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=DMARC1; p=reject | true", "v=DMARC1 | true", "v=DMARC1; | true", "v = DMARC1;p=none | true",
        "v=dmarc1; p=reject | false", "v=DMARC10; p=reject | false", "v=DMARC; p=reject | false",
        "p=reject; v=DMARC1 | false", "' v=DMARC1; p=reject' | false", "v=spf1 -all | false",
        "v=DMARC1 p=reject | false", "'' | false", "xv=DMARC1 | false",
    })
    void aDmarcRecordStartsWithItsVersion(String text, boolean dmarc) {
        assertEquals(dmarc, DmarcRecord.isDmarc(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1", "v=DMARC1; p=", "v=DMARC1; p=block", "v=DMARC1; p=none; p=reject",
        "v=DMARC1; p=reject; sp=maybe", "v=DMARC1; p=reject; sp=", "v=DMARC1; p=reject; sp=none; sp=none",
        "v=DMARC1; rua=; p=nonsense", "v=DMARC1; p=reject reject"})
    void aBrokenPolicyWithoutValidReportAddressIsInvalid(String text) {
        assertTrue(invalid(text).contains("no valid"), invalid(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; rua=mailto:d@example.com", "v=DMARC1; p=bogus; rua=mailto:d@example.com",
        "v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com!5m",
        "v=DMARC1; p=reject; p=none; rua=https://r.example/",
        "v=DMARC1; p=x; rua=not a uri, mailto:d@example.com"})
    void aBrokenPolicyWithAValidReportAddressIsPolicyNone(String text) {
        DmarcRecord record = found(text);
        assertEquals(Policy.NONE, record.policy(), text);
        assertEquals(Optional.empty(), record.subdomainPolicy(), text);
        assertTrue(record.problems().getLast().contains("taken as p=none"), record.problems().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=DMARC1; p=reject; pct=101 | pct", "v=DMARC1; p=reject; pct=-1 | pct", "v=DMARC1; p=reject; pct=5x | pct",
        "v=DMARC1; p=reject; pct=0050 | pct", "v=DMARC1; p=reject; pct=1; pct=2 | pct",
        "v=DMARC1; p=reject; pct=99999999999999999999 | pct", "v=DMARC1; p=reject; adkim=x | adkim",
        "v=DMARC1; p=reject; aspf=relaxed | aspf", "v=DMARC1; p=reject; fo=2 | fo", "v=DMARC1; p=reject; fo=1:: | fo",
        "v=DMARC1; p=reject; junk | junk",
    })
    void aBadOptionalTagTakesItsDefaultAndKeepsThePolicy(String text, String tag) {
        DmarcRecord record = found(text);
        assertEquals(Policy.REJECT, record.policy());
        assertEquals(100, record.percent());
        assertEquals(Alignment.RELAXED, record.dkim());
        assertEquals(Alignment.RELAXED, record.spf());
        assertEquals("0", record.failureOptions());
        assertEquals(1, record.problems().size(), record.problems().toString());
        assertTrue(record.problems().get(0).contains(tag), record.problems().toString());
    }

    @Test
    void percentBoundsAndFailureOptions() {
        assertEquals(0, found("v=DMARC1; p=reject; pct=0").percent());
        assertEquals(100, found("v=DMARC1; p=reject; pct=100").percent());
        assertEquals("0 : 1:D", found("v=DMARC1; p=reject; fo=0 : 1:D").failureOptions());
    }

    @Test
    void hostileRecordsAreInvalidNotCrashes() {
        assertTrue(invalid("v=DMARC1; p=reject; x=" + "a".repeat(DmarcRecordParser.MAX_LENGTH)).contains("more than"));
        assertTrue(invalid("v=DMARC1; p=reject\u0000").contains("printable ASCII"));
        assertTrue(invalid("v=DMARC1; p=reject\r\nX-Evil: 1").contains("printable ASCII"));
        assertTrue(invalid("v=DMARC1; p=r\u00e9ject").contains("printable ASCII"));
        assertTrue(invalid("v=DMARC2; p=reject").contains("v=DMARC1"));
        DmarcRecord semicolons = found("v=DMARC1;" + ";".repeat(1000) + "p=reject");
        assertEquals(Policy.REJECT, semicolons.policy());
        DmarcRecord equals = found("v=DMARC1; p=reject; ===; a==b; =x");
        assertEquals(Policy.REJECT, equals.policy());
        assertFalse(equals.problems().isEmpty());
        assertTrue(equals.problems().stream().allMatch(p -> p.length() < 120), equals.problems().toString());
    }

    @Test
    void subdomainPolicyAppliesBelowTheRecordsDomain() {
        DmarcRecord record = found("v=DMARC1; p=reject; sp=quarantine");
        assertEquals(Policy.REJECT, record.policyFor("example.com", "example.com"));
        assertEquals(Policy.QUARANTINE, record.policyFor("mail.example.com", "example.com"));
        assertEquals(Policy.REJECT, found("v=DMARC1; p=reject").policyFor("mail.example.com", "example.com"));
    }
}
