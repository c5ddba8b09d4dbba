package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StsRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=STSv1; id=20160831085700Z;", "v=STSv1;id=abc", "v=STSv1 ; id=abc ;",
        "v=STSv1; id=abc; ext=value", "v=STSv1;\tid=abc"})
    void validRecordsGiveTheirId(String record) {
        assertTrue(StsRecord.parse(record).isPresent(), record);
    }

    @Test
    void theIdIsKept() {
        assertEquals(Optional.of(new StsRecord("20160831085700Z")), StsRecord.parse("v=STSv1; id=20160831085700Z;"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v=STSv1", "v=STSv1;", "id=abc; v=STSv1", "v=STSv2; id=abc", "v=STSv1; id=",
        "v=STSv1; id=abc-def", "v=STSv1; id=123456789012345678901234567890123", "v=STSv1; id=a; id=b",
        "v=STSv1; id=abc; bad", "v=STSv1; id=abc; x=a=b", "v=STSv1; id=abc;;", "V=STSv1; id=abc",
        "v=STSv1; id=abc; x=\u00e9", "v=STSv1; id=abc\u0000"})
    void malformedRecordsAreNoPolicy(String record) {
        assertEquals(Optional.empty(), StsRecord.parse(record), record);
    }

    @Test
    void hugeRecordIsRefused() {
        assertEquals(Optional.empty(), StsRecord.parse("v=STSv1; id=abc; x=" + "a".repeat(100_000)));
    }

    @Test
    void recordsNotBeginningWithTheVersionAreDiscarded() {
        assertEquals(Optional.of(new StsRecord("one")), StsRecord.select(List.of("v=spf1 -all", "v=STSv1; id=one",
                "v=STSv10; id=two")));
    }

    @Test
    void twoValidRecordsAreNoPolicy() {
        // RFC 8461 §3.1: "If the number of resulting records is not one ... assume ... no available policy".
        assertEquals(Optional.empty(), StsRecord.select(List.of("v=STSv1; id=one", "v=STSv1; id=two")));
        assertEquals(Optional.empty(), StsRecord.select(List.of("v=STSv1; id=one", "v=STSv1; bad")));
        assertEquals(Optional.empty(), StsRecord.select(List.of()));
    }
}
