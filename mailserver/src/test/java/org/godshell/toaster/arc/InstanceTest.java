package org.godshell.toaster.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.godshell.toaster.dkim.TagList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The instance of each ARC field (RFC 8617 §4.1.1, §4.2.1), read strictly: a table of values, good and bad. */
class InstanceTest {

    /** An ARC-Authentication-Results value, then its instance or none; {@code \r \n \t} stand for CR, LF, TAB. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            i=1; mx.example.org; spf=pass|1
            ' i=50;mx'|50
            i = 7 ; mx|7
            \\r\\n i=2;|2
            i=\\r\\n\\t3 ;|3
            i=01; mx|1
            i=51; mx|51
            i=999; mx|999
            i=1000; mx|none
            i=; mx|none
            i=1 mx; spf=pass|none
            i=1|none
            I=1; mx|none
            (comment) i=1; mx|none
            mx.example.org; i=1|none
            i=1\\r\\n2; mx|none
            i=+1; mx|none
            i=١; mx|none
            i=1\\r\\n; mx|none
            ''|none
            """)
    void theInstanceOfResults(String value, Integer expected) {
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected),
                Instance.ofResults(controls(value)));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            i=1; cv=none|1
            cv=pass; i=12|12
            i=100; a=x|100
            i=0x1; a=x|none
            i=1.0|none
            a=rsa-sha256|none
            i=-3|none
            """)
    void theInstanceOfASignature(String tags, Integer expected) throws Exception {
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected),
                Instance.of(TagList.parse(tags, 1000)));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            i=1; mx.example.org;\\r\\n\\tspf=pass  smtp.mailfrom=a@b|mx.example.org; spf=pass smtp.mailfrom=a@b
            i=2;mx; none|mx; none
            """)
    void theResultsAfterTheInstanceAreUnfolded(String value, String expected) {
        assertEquals(Optional.of(expected), Instance.results(controls(value)));
    }

    /** The table's {@code \r \n \t} as the characters. */
    private static String controls(String value) {
        return value.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}
