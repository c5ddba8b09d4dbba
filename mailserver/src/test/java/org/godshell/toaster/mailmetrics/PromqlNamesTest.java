package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test's reading of PromQL: the names and labels it finds, and the malformed queries it refuses. */
class PromqlNamesTest {

    @Test
    void namesAndTheirLabelsFromSelectorsAndGrouping() {
        assertEquals(Map.of("toaster_smtp_transactions_total", Set.of("instance", "result", "stage")),
                PromqlNames.of("sum by (stage, result) (rate(toaster_smtp_transactions_total{instance=~\"$i\", "
                        + "result!=\"accepted\"}[$__rate_interval]))"));
        assertEquals(Map.of("x_bucket", Set.of("le", "plugin")),
                PromqlNames.of("histogram_quantile(0.95, sum(rate(x_bucket[5m])) by (plugin, le))"));
        assertEquals(Map.of("a", Set.of("instance"), "b", Set.of("instance")),
                PromqlNames.of("{__name__=~\"a|b\", instance=\"127.0.0.1:9587\"}"));
        assertEquals(Map.of("x", Set.of()), PromqlNames.of("min(x) / 86400 > bool 1e3"));
        assertEquals(Map.of("x", Set.of("a", "b")), PromqlNames.of("x{a=\"}{\\\",b=\\\"\", b='it\\'s'}"));
        assertEquals(Map.of("x", Set.of(), "y", Set.of()), PromqlNames.of("x offset 5m and on () y"));
    }

    @Test
    void aLongNameOrDeepNestingIsReadWithoutRecursion() {
        String name = "m".repeat(100_000);
        assertEquals(Set.of(name), PromqlNames.of(name).keySet());
        String deep = "(".repeat(50_000) + "x" + ")".repeat(50_000);
        assertEquals(Set.of("x"), PromqlNames.of(deep).keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rat(x[5m])",                       // a typo of a function
        "x{a=\"b\"",                        // a selector not closed
        "x{a \"b\"}",                       // no operator
        "x{a==\"b\"}",                      // no such operator
        "x{a=b}",                           // an unquoted value
        "x{a=\"b}",                         // a string not closed
        "x[5m",                             // a range not closed
        "x[5m[1m]",
        "{__name__=~\"x.*\"}",              // a regex the test cannot turn into names
        "{a=\"b\"}",                        // no metric name at all
        "sum by (a (x)",                    // a label list not closed
        "sum by (a",
        "x{$a=\"b\"}",
        "$instance",                        // a variable outside a string or a range
        "x # a comment",
        "x \u0000",
    })
    void aMalformedQueryIsRefused(String expr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromqlNames.of(expr));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void theExpositionsNamesAndLabels() {
        String body = """
                # HELP x_total a help text with {braces} and "quotes"
                # TYPE x_total counter
                x_total{stage="plugin:a\\"b,c=\\"d",port="25"} 3.0
                y 1
                h_bucket{le="+Inf"} 0
                """;
        assertEquals(Map.of("x_total", Set.of("stage", "port"), "y", Set.of(), "h_bucket", Set.of("le")),
                Exposition.labelsByName(body));
        for (String line : List.of("x{a} 1", "x{a=\"b} 1", "x{a=\"b\" 1")) {
            assertThrows(IllegalArgumentException.class, () -> Exposition.labelsByName(line), line);
        }
    }
}
