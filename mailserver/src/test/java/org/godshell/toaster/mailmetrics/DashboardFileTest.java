package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard as a file: strict JSON in Grafana's classic dashboard model, panel ids unique,
 * every panel and query on the data source variable (so it imports into any Grafana, whatever its data source is
 * called), every query filtered by the instance variable, and only variables that exist. What the queries read
 * is held against the real endpoints by {@link DashboardMetricsTest}.
 */
class DashboardFileTest {

    /** Grafana's own variables the queries may use. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

    @Test
    void isTheClassicModelOfACurrentGrafana() throws Exception {
        Dashboard dashboard = Dashboard.read();
        assertEquals(42.0, dashboard.root.get("schemaVersion"), "Grafana 12's and 13's classic model");
        assertEquals("godshell-toaster", dashboard.root.get("uid"));
        assertInstanceOf(String.class, dashboard.root.get("title"));
        assertTrue(dashboard.root.containsKey("id") && dashboard.root.get("id") == null,
                "no id: Grafana gives one at import");
        assertFalse(dashboard.queries().isEmpty());
    }

    @Test
    void panelIdsAreUniqueAndPanelsFitTheGrid() throws Exception {
        Set<Object> ids = new HashSet<>();
        for (Map<String, Object> panel : Dashboard.read().panels()) {
            assertInstanceOf(Double.class, panel.get("id"), panel.toString());
            assertTrue(ids.add(panel.get("id")), "a second panel with id " + panel.get("id"));
            Map<String, Object> grid = Dashboard.object(panel.get("gridPos"), "gridPos of " + panel.get("title"));
            double x = (Double) grid.get("x");
            double w = (Double) grid.get("w");
            assertTrue(x >= 0 && w > 0 && x + w <= 24, "24 columns: " + panel.get("title"));
            assertTrue((Double) grid.get("h") > 0 && (Double) grid.get("y") >= 0, panel.get("title").toString());
        }
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceVariable() throws Exception {
        Dashboard dashboard = Dashboard.read();
        for (Map<String, Object> panel : dashboard.panels()) {
            if (!"row".equals(panel.get("type"))) {
                assertEquals(Dashboard.DATA_SOURCE, panel.get("datasource"), panel.get("title").toString());
                Set<Object> refIds = new HashSet<>();
                for (Object target : Dashboard.list(panel.get("targets"), "targets")) {
                    Map<String, Object> query = Dashboard.object(target, "a target");
                    assertEquals(Dashboard.DATA_SOURCE, query.get("datasource"), panel.get("title").toString());
                    assertTrue(refIds.add(query.get("refId")), "refIds of " + panel.get("title"));
                }
                assertFalse(refIds.isEmpty(), "a panel without a query: " + panel.get("title"));
            }
        }
        Map<String, Object> source = dashboard.variable("DS_PROMETHEUS");
        assertEquals("datasource", source.get("type"));
        assertEquals("prometheus", source.get("query"));
        assertEquals(Dashboard.DATA_SOURCE, dashboard.variable("instance").get("datasource"));
    }

    @Test
    void everyQueryIsFilteredByTheInstanceVariable() throws Exception {
        Dashboard dashboard = Dashboard.read();
        Map<String, Object> instance = dashboard.variable("instance");
        assertEquals("query", instance.get("type"));
        assertEquals(true, instance.get("multi"));
        assertEquals(true, instance.get("includeAll"));
        for (Dashboard.Query query : dashboard.queries()) {
            assertTrue(query.expr().contains("instance=~\"$instance\""), query.panel() + ": " + query.expr());
            PromqlNames.of(query.expr()).forEach((metric, labels) ->
                    assertTrue(labels.contains("instance"), query.panel() + ": " + metric + " in " + query.expr()));
        }
    }

    @Test
    void queriesUseOnlyVariablesThatExist() throws Exception {
        Dashboard dashboard = Dashboard.read();
        Set<String> defined = new HashSet<>(BUILT_IN);
        dashboard.variables().forEach(variable -> defined.add((String) variable.get("name")));
        for (Dashboard.Query query : dashboard.queries()) {
            Matcher used = VARIABLE.matcher(query.expr());
            while (used.find()) {
                assertTrue(defined.contains(used.group(1)), query.panel() + " uses $" + used.group(1));
            }
        }
        assertEquals(List.of("DS_PROMETHEUS", "instance"),
                dashboard.variables().stream().map(variable -> variable.get("name")).toList());
    }
}
