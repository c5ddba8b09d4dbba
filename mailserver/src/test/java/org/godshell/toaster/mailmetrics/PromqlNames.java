package org.godshell.toaster.mailmetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric names a PromQL expression reads, and the label names it uses on them: in a selector's matchers, in
 * {@code by (...)}, {@code without (...)}, {@code on (...)} and {@code ignoring (...)}. Enough of the grammar for
 * the dashboard's queries, and strict about the rest: an unknown function (a typo), an unclosed string, bracket
 * or selector, or a {@code __name__} regex that is more than names joined by {@code |} is an
 * {@link IllegalArgumentException}, never a silent guess. A grouping clause's labels are held against every
 * metric of the expression: the dashboard keeps one metric per query, so that rule is exact there.
 */
final class PromqlNames {

    /** The functions and aggregations the dashboard may call; anything else followed by a parenthesis is an error. */
    private static final Set<String> FUNCTIONS = Set.of("sum", "min", "max", "avg", "count", "topk", "bottomk",
            "rate", "irate", "increase", "delta", "deriv", "histogram_quantile", "clamp_min", "clamp_max", "abs",
            "time", "vector", "scalar");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset");

    private final String text;
    private int at;
    private final Map<String, Set<String>> metrics = new LinkedHashMap<>();
    private final Set<String> grouping = new LinkedHashSet<>();

    private PromqlNames(String text) {
        this.text = text;
    }

    /** Each metric of {@code expr}, in order, with the label names used on it. */
    static Map<String, Set<String>> of(String expr) {
        PromqlNames names = new PromqlNames(expr);
        names.read();
        Map<String, Set<String>> out = new LinkedHashMap<>();
        names.metrics.forEach((metric, labels) -> {
            Set<String> all = new LinkedHashSet<>(labels);
            all.addAll(names.grouping);
            out.put(metric, all);
        });
        return out;
    }

    private void read() {
        String lastMetric = null;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '"' || c == '\'' || c == '`') {
                string();
                lastMetric = null;
            } else if (c == '[') {
                closing('[', ']');
                lastMetric = null;
            } else if (c == '{') {
                selector(lastMetric);
                lastMetric = null;
            } else if (isNameStart(c)) {
                lastMetric = word();
            } else if (Character.isDigit(c) || c == '.') {
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;                                       // a number, or a duration after offset
                }
                lastMetric = null;
            } else if (c == '$') {
                throw error("a variable outside a string or a range");
            } else if ("()+-*/%^=!<>,".indexOf(c) >= 0) {
                at++;
                lastMetric = null;
            } else {
                throw error("unexpected character '" + c + "'");
            }
        }
    }

    /** A word: a grouping clause, a function, a keyword, or a metric name (returned, for its selector). */
    private String word() {
        int start = at;
        while (at < text.length() && isNameChar(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at);
        boolean call = nextIs('(');
        if (GROUPING.contains(word)) {
            if (call) {
                grouping.addAll(labelList());
            }
            return null;
        }
        if (FUNCTIONS.contains(word)) {
            return null;                                        // sum(...), or sum by (...) (...)
        }
        if (call) {
            throw error("unknown function " + word);
        }
        if (KEYWORDS.contains(word)) {
            return null;
        }
        metrics.computeIfAbsent(word, name -> new LinkedHashSet<>());
        return word;
    }

    /** {@code {label op "value", ...}}: its labels go to {@code metric}, or to the names of a __name__ regex. */
    private void selector(String metric) {
        at++;
        List<String> labels = new ArrayList<>();
        List<String> named = new ArrayList<>();
        while (true) {
            space();
            if (at >= text.length()) {
                throw error("a selector is not closed");
            }
            if (text.charAt(at) == '}') {
                at++;
                break;
            }
            String label = name();
            space();
            int op = at;
            while (at < text.length() && "=!~".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (!Set.of("=", "!=", "=~", "!~").contains(text.substring(op, at))) {
                throw error("no matcher operator after " + label);
            }
            space();
            String value = string();
            if (label.equals("__name__")) {
                for (String name : value.split("\\|", -1)) {
                    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                        throw error("a __name__ regex that is not names joined by |: " + value);
                    }
                    named.add(name);
                }
            } else {
                labels.add(label);
            }
            space();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
        if (metric != null) {
            named.add(metric);
        }
        if (named.isEmpty()) {
            throw error("a selector without a metric name");
        }
        for (String name : named) {
            metrics.computeIfAbsent(name, key -> new LinkedHashSet<>()).addAll(labels);
        }
    }

    private List<String> labelList() {
        space();
        at++;                                                   // the '(' nextIs saw
        List<String> labels = new ArrayList<>();
        while (true) {
            space();
            if (at >= text.length()) {
                throw error("a label list is not closed");
            }
            char c = text.charAt(at);
            if (c == ')') {
                at++;
                return labels;
            }
            if (c == ',') {
                at++;
            } else {
                labels.add(name());
            }
        }
    }

    private String name() {
        int start = at;
        if (at >= text.length() || !isNameStart(text.charAt(at))) {
            throw error("a label name is missing");
        }
        while (at < text.length() && isNameChar(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    /** A quoted string with its escapes, its value returned. */
    private String string() {
        if (at >= text.length() || "\"'`".indexOf(text.charAt(at)) < 0) {
            throw error("a quoted value is missing");
        }
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote != '`' && at < text.length()) {
                c = text.charAt(at++);
            }
            value.append(c);
        }
        throw error("a string is not closed");
    }

    private void closing(char open, char close) {
        int end = text.indexOf(close, at);
        if (end < 0 || text.indexOf(open, at + 1) >= 0 && text.indexOf(open, at + 1) < end) {
            throw error("a '" + open + "' is not closed");
        }
        at = end + 1;
    }

    private boolean nextIs(char c) {
        int look = at;
        while (look < text.length() && Character.isWhitespace(text.charAt(look))) {
            look++;
        }
        return look < text.length() && text.charAt(look) == c;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " at offset " + at + " of: " + text);
    }
}
