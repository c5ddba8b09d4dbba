package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "01, 1", "0, 0", "000, 0", "2147483648, 2147483648",
        "99999999999999999999, 9223372036854775807", "1234567890123456789012345678901234567890, 9223372036854775807"})
    void digitsAreNumbersAndHugeOnesSaturate(String text, long value) {
        assertEquals(Optional.of(value), Arguments.number(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1.0", "0x1", "abc", " 1", "1 ", "1 2", "１",
        "12345678901234567890123456789012345678901"})
    void anythingElseIsNotANumber(String text) {
        assertEquals(Optional.empty(), Arguments.number(text));
    }
}
