package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text format as the Prometheus client writes it, and what a page from a port nobody vouches for may hold. */
class TextExpositionTest {

    static String page(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryFamilyOfARealPageWithItsSamples() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("toaster_test_mail_total").help("mail").labelNames("port").register(registry)
                .labelValues("25").inc(2);
        Histogram.builder().name("toaster_test_call_seconds").help("calls").classicUpperBounds(0.1, 1)
                .register(registry).observe(0.5);
        Gauge.builder().name("toaster_test_queue_messages").help("queue").register(registry).set(7);
        TextExposition.Page page = TextExposition.parse(page(registry));

        assertEquals(0, page.dropped());
        assertEquals(List.of("toaster_test_call_seconds", "toaster_test_mail_total", "toaster_test_queue_messages"),
                page.families().stream().map(TextExposition.Family::name).sorted().toList());
        TextExposition.Family histogram = family(page, "toaster_test_call_seconds");
        assertEquals("histogram", histogram.type());
        assertEquals(5, histogram.samples().size(), "three buckets, _count and _sum");
        assertEquals(2, histogram.header().size(), "# HELP and # TYPE");
        assertEquals("toaster_test_mail_total{port=\"25\"}", family(page, "toaster_test_mail_total").samples()
                .get(0).series());
    }

    private static TextExposition.Family family(TextExposition.Page page, String name) {
        return page.families().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSampleWithoutTypeIsAFamilyOfItsOwn() {
        TextExposition.Page page = TextExposition.parse("# TYPE a gauge\na 1\nb_total 2\nb_total{x=\"y\"} 3\n");
        assertEquals(List.of("a", "b_total"), page.families().stream().map(TextExposition.Family::name).toList());
        assertEquals("untyped", page.families().get(1).type());
        assertEquals(2, page.families().get(1).samples().size());
    }

    @Test
    void aBucketBelongsToItsHistogramButNotToAGauge() {
        TextExposition.Page page = TextExposition.parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"
                + "h_sum 0.5\n# TYPE g gauge\ng 1\ng_count 2\n");
        assertEquals(List.of("h", "g", "g_count"), page.families().stream().map(TextExposition.Family::name).toList());
    }

    @Test
    void labelValuesMayHoldBracesSpacesAndEscapedQuotes() {
        String line = "a{path=\"/x} y\",why=\"say \\\"no\\\" }\\n\"} 1 1700000000000";
        TextExposition.Page page = TextExposition.parse(line + "\n");
        assertEquals(0, page.dropped());
        assertEquals("a{path=\"/x} y\",why=\"say \\\"no\\\" }\\n\"}", page.families().get(0).samples().get(0).series());
        assertEquals(line, page.families().get(0).samples().get(0).line());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1abc 1",                       // a name may not start with a digit
        "a-b 1",                        // nor hold a dash
        "a{x=\"y\" 1",                  // labels never closed
        "a{x=\"y}",                     // the quote never closed
        "a{x=\"y\"}",                   // no value
        "a",                            // no value
        "a 1 2 3",                      // a value, a timestamp and more
        "a one",                        // not a number
        "a 1 99999999999999999999999",  // a timestamp no long holds
        "# TYPE a gauges",              // no such type
        "# TYPE a",                     // no type
        "# HELP",                       // nothing to help
        "# TYPE 1a gauge",              // not a name
    })
    void malformedLinesAreDroppedAndCounted(String line) {
        TextExposition.Page page = TextExposition.parse("# TYPE ok gauge\nok 1\n" + line + "\nafter 2\n");
        assertEquals(1, page.dropped(), line);
        assertTrue(page.families().stream().anyMatch(f -> f.name().equals("after")), "the page goes on after it");
    }

    @Test
    void plainCommentsAndBlankLinesMeanNothing() {
        TextExposition.Page page = TextExposition.parse("\n# a comment\n   \n#\na 1\n\r\n");
        assertEquals(0, page.dropped());
        assertEquals(1, page.families().size());
    }

    @Test
    void aLongHostilePageIsReadInOnePassWithoutFailing() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("a{x=\"").append("\\\"".repeat(50)).append("\"} ").append(i).append('\n');
            text.append("{{{{{{ }}}}}}\n");
        }
        text.append("b{").append("\"".repeat(200_000)).append('\n');
        TextExposition.Page page = TextExposition.parse(text.toString());
        assertEquals(20_001, page.dropped());
        assertEquals(20_000, page.families().get(0).samples().size());
    }
}
