package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's reload rule, against the real daemons: for every control file, change it under a running smtpd,
 * pop3d and wiki, and see the next session, delivery or push follow it, without a restart; or, for the files
 * read at start, see showconfig say so and the daemon carry on unchanged. A bad edit keeps the last good
 * behaviour and is logged once with file:line (one file per daemon: maxrcpt, helohost and concurrencylocal,
 * timeoutpop3d, wikieditors).
 *
 * <p>One scenario per file of {@link ControlFiles#ALL}, so a new control file without one fails here. Each
 * scenario puts back what it edited, so any order works.
 */
class ControlReloadTest {

    @TempDir
    static Path temp;
    private static Installation installation;

    @BeforeAll
    static void start() throws Exception {
        installation = Installation.start(temp);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> anEditTakesEffectAtTheNextSessionOrDeliveryWithoutARestart() {
        Map<String, Scenario> scenarios = scenarios();
        List<String> files = ControlFiles.ALL.stream().map(Key::name).toList();
        assertEquals(files.stream().sorted().toList(), scenarios.keySet().stream().sorted().toList(),
                "every control file needs a scenario here, and every scenario a control file");
        return files.stream().map(file -> dynamicTest(file, () -> {
            try (Edits edits = new Edits(installation.prefix)) {
                scenarios.get(file).run(installation, edits);
            } catch (AssertionError e) {
                throw new AssertionError(file + ": " + e.getMessage(), e);
            }
            for (Daemon daemon : List.of(installation.smtpd, installation.pop3d, installation.wiki)) {
                assertTrue(daemon.alive(), daemon + " died: " + daemon.log());
            }
        }));
    }

    private static Map<String, Scenario> scenarios() {
        Map<String, Scenario> all = new HashMap<>();
        for (Map<String, Scenario> group : List.of(SmtpScenarios.all(), TlsScenarios.all(), PluginScenarios.all(),
                DeliveryScenarios.all(), Pop3Scenarios.all(), WikiScenarios.all(), RestartScenarios.all(),
                CheckScenarios.all(), PolicyScenarios.all(), LoginScenarios.all(), BackupScenarios.all(),
                StatsScenarios.all())) {
            group.forEach((file, scenario) -> {
                if (all.put(file, scenario) != null) {
                    throw new IllegalStateException("two scenarios for " + file);
                }
            });
        }
        return all;
    }
}
