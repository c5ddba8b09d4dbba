package org.godshell.toaster.mailmetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.filter.rspamd.JsonReading;

/**
 * The Grafana dashboard the distribution ships ({@code cli/src/dist/share/grafana}, installed as
 * {@code share/grafana/toaster-dashboard.json}), read with the strict JSON reader: its panels, rows' nested
 * panels included, its queries and its variables.
 */
final class Dashboard {

    static final Path FILE = Path.of("").toAbsolutePath().resolveSibling("cli")
            .resolve("src/dist/share/grafana/toaster-dashboard.json");

    /** The data source every panel and query must name: the dashboard's variable, so it imports anywhere. */
    static final Map<String, Object> DATA_SOURCE = Map.of("type", "prometheus", "uid", "${DS_PROMETHEUS}");

    /**
     * The prefix of the wiki's metrics: only {@code toaster wiki serve} serves them, from the site module, which
     * this one may not start; cli's {@code WikiDashboardTest} holds them to the dashboard.
     */
    static final String WIKI_PREFIX = "toaster_wiki_";

    /** One query of a panel. */
    record Query(String panel, Map<String, Object> target, String expr) {}

    final Map<String, Object> root;

    private Dashboard(Map<String, Object> root) {
        this.root = root;
    }

    static boolean isWiki(String metric) {
        return metric.startsWith(WIKI_PREFIX);
    }

    static Dashboard read() throws IOException {
        return new Dashboard(object(JsonReading.parse(Files.readString(FILE, StandardCharsets.UTF_8)), "the file"));
    }

    /** Every panel, rows and the panels inside rows included, in order. */
    List<Map<String, Object>> panels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object panel : list(root.get("panels"), "panels")) {
            Map<String, Object> map = object(panel, "a panel");
            out.add(map);
            if (map.get("panels") != null) {
                list(map.get("panels"), "a row's panels").forEach(inner -> out.add(object(inner, "a row's panel")));
            }
        }
        return out;
    }

    /** Every query of every panel that is not a row. */
    List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            if (!"row".equals(panel.get("type"))) {
                for (Object target : list(panel.get("targets"), "targets of " + panel.get("title"))) {
                    Map<String, Object> map = object(target, "a target");
                    out.add(new Query((String) panel.get("title"), map, (String) map.get("expr")));
                }
            }
        }
        return out;
    }

    List<Map<String, Object>> variables() {
        return list(object(root.get("templating"), "templating").get("list"), "templating.list").stream()
                .map(variable -> object(variable, "a variable")).toList();
    }

    Map<String, Object> variable(String name) {
        return variables().stream().filter(variable -> name.equals(variable.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError(what + " is not a JSON object: " + value);
    }

    static List<?> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new AssertionError(what + " is not a JSON array: " + value);
    }
}
