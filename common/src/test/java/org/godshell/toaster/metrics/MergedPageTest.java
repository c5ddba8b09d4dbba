package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three daemons' pages as one valid page: shared families once, clashes dropped and counted. */
class MergedPageTest {

    @TempDir
    Path dir;

    private static TextExposition.Page daemon(String name, String counter) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.register(registry, name);
        Counter.builder().name(counter).help("what " + name + " counts").register(registry).inc();
        return TextExposition.parse(TextExpositionTest.page(registry));
    }

    @Test
    void threeDaemonsMakeOneValidPageWithEachSharedFamilyOnce() throws Exception {
        Promtool.requireOrSkip();
        MergedPage merged = new MergedPage();
        merged.add("smtpd", daemon("smtpd", "toaster_smtp_test_total"));
        merged.add("pop3d", daemon("pop3d", "toaster_pop3_test_total"));
        merged.missing("wiki");
        String text = merged.text();

        Promtool.check(dir, text);
        assertEquals(1, count(text, "# TYPE jvm_threads_current gauge"), text);
        assertTrue(text.contains("jvm_threads_current{daemon=\"smtpd\"}"), text);
        assertTrue(text.contains("jvm_threads_current{daemon=\"pop3d\"}"), text);
        assertTrue(text.contains("toaster_pop3_test_total 1.0"), text);
        assertTrue(text.contains("toaster_metrics_source_up{daemon=\"smtpd\"} 1\n"
                + "toaster_metrics_source_up{daemon=\"pop3d\"} 1\ntoaster_metrics_source_up{daemon=\"wiki\"} 0\n"), text);
        assertTrue(text.contains("toaster_metrics_source_dropped_lines{daemon=\"pop3d\"} 0"), text);
    }

    @Test
    void whatWouldMakeThePageInvalidIsDroppedAndCounted() throws Exception {
        Promtool.requireOrSkip();
        MergedPage merged = new MergedPage();
        merged.add("smtpd", TextExposition.parse("# HELP a_total a\n# TYPE a_total counter\na_total 1\n"
                + "# HELP g g\n# TYPE g gauge\ng{daemon=\"smtpd\"} 1\n"));
        merged.add("pop3d", TextExposition.parse(String.join("\n",
                "# HELP a_total a", "# TYPE a_total gauge", "a_total 5",        // another type: 3 lines
                "# HELP g g", "# TYPE g gauge", "g{daemon=\"smtpd\"} 9",      // a series smtpd has: 1 line
                "g{daemon=\"pop3d\"} 2",                                        // its own: kept
                "# TYPE toaster_metrics_source_up gauge",                      // a name the merge makes: 2 lines
                "toaster_metrics_source_up{daemon=\"smtpd\"} 0",
                "bad{ 1", "")));                                               // malformed: 1 line
        String text = merged.text();

        Promtool.check(dir, text);
        assertTrue(text.contains("a_total 1\n") && !text.contains("a_total 5"), text);
        assertTrue(text.contains("g{daemon=\"smtpd\"} 1\ng{daemon=\"pop3d\"} 2\n"), text);
        assertFalse(text.contains("g{daemon=\"smtpd\"} 9"), text);
        assertTrue(text.contains("toaster_metrics_source_up{daemon=\"smtpd\"} 1\n"), text);
        assertTrue(text.contains("toaster_metrics_source_dropped_lines{daemon=\"pop3d\"} 7"), text);
    }

    @Test
    void aFamilyLeftWithoutSamplesIsNotWritten() {
        MergedPage merged = new MergedPage();
        merged.add("smtpd", TextExposition.parse("# HELP e e\n# TYPE e gauge\n"));
        assertFalse(merged.text().contains("# TYPE e gauge"));
    }

    private static int count(String text, String line) {
        return (int) List.of(text.split("\n")).stream().filter(line::equals).count();
    }
}
