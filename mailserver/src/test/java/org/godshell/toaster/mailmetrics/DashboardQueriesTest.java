package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the dashboard but the wiki row's, run by a real Prometheus ({@link DashboardQueries}) that
 * scrapes smtpd's and pop3d's real endpoints after {@link DashboardBurst}: each is PromQL that Prometheus accepts
 * and that returns series, and the instance variable lists both endpoints. The wiki row's queries need
 * {@code toaster wiki serve}'s endpoint, which this module cannot start: cli's {@code WikiDashboardTest} runs
 * them all against the three. Grafana itself is not run (no package of it here): {@link DashboardFileTest}
 * checks the file's model.
 */
class DashboardQueriesTest {

    @TempDir
    Path root;

    @BeforeAll
    static void prometheus() {
        DashboardQueries.assumePrometheus();
    }

    @Test
    void prometheusAnswersEveryQueryWithSeries() throws Exception {
        try (DashboardBurst burst = new DashboardBurst(root.resolve("toaster"))) {
            burst.run();
            String smtpd = "127.0.0.1:" + burst.smtpdEndpoint().getPort();
            Set<Object> instances = DashboardQueries.run(root, List.of(smtpd),
                    query -> !DashboardQueries.readsTheWiki(query));
            assertEquals(Set.of(smtpd), instances, "one URL per host: smtpd's page has pop3d's figures too");
        }
    }
}
