package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParameterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "emailaddress=ann%40example.org | ann@example.org",
        "emailaddress=ann@example.org | ann@example.org",
        "x=1&emailaddress=a+b%40example.org&y | a+b@example.org",
        "emailaddress=%C3%A4 | \u00e4",
        "emailaddress= | ''",
        "emailaddress | ''"})
    void theParameterDecodedOnceWithPlusKept(String query, String value) {
        assertEquals(new QueryParameter.Present(value), QueryParameter.find(query, "emailaddress"));
    }

    @Test
    void absentWhenNotThere() {
        assertEquals(new QueryParameter.Absent(), QueryParameter.find(null, "emailaddress"));
        assertEquals(new QueryParameter.Absent(), QueryParameter.find("", "emailaddress"));
        assertEquals(new QueryParameter.Absent(), QueryParameter.find("email=ann%40example.org", "emailaddress"));
        assertEquals(new QueryParameter.Absent(), QueryParameter.find("emailaddress%3D=x", "emailaddress"));
    }

    @Test
    void aDoublyEncodedEscapeStaysText() {
        assertEquals(new QueryParameter.Present("%40"), QueryParameter.find("emailaddress=%2540", "emailaddress"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"emailaddress=a&emailaddress=b", "emailaddress=%4", "emailaddress=%zz", "emailaddress=%",
        "emailaddress=%C0%AE", "emailaddress=%FF", "emailaddress=\u00e4", "em%ZZ=1", "emailaddress=%ED%A0%80"})
    void twiceBrokenEscapesAndBadUtf8AreRefused(String query) {
        assertInstanceOf(QueryParameter.Refused.class, QueryParameter.find(query, "emailaddress"), query);
    }

    @Test
    void anOversizedQueryIsRefused() {
        assertInstanceOf(QueryParameter.Refused.class, QueryParameter.find("emailaddress=" + "a".repeat(
                QueryParameter.MAX_QUERY), "emailaddress"));
    }
}
