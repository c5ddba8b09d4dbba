package org.godshell.toaster.site.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The client-side search index, sharded so a query loads only what it needs: {@code _search/pages.json} lists
 * the pages ({@code [title, url]}, by number), and {@code _search/XY.json} holds the terms starting with the two
 * characters XY, each with the pages it occurs in and a weight (occurrences, plus 10 when in the title). A query
 * for three words loads at most three shards; no page embeds the index.
 */
final class SearchIndex {

    static final int MIN_TERM = 2;
    static final int MAX_TERM = 40;

    /** A document to index: its title, its site-relative URL and its plain text. */
    record Doc(String title, String url, String text) {
    }

    private SearchIndex() {
    }

    /**
     * Index files by site path. Each page's terms are counted in a map of its own, then appended to the terms'
     * postings in page order, so postings need no sorting; only a shard's terms are sorted, when written.
     */
    static SortedMap<String, byte[]> build(List<Doc> docs) {
        Map<String, Postings> index = new HashMap<>();
        // a text's term counts depend on it alone: those of a text the previous build counted are taken over
        Map<String, Map<String, Integer>> known = SearchMemory.weights();
        Map<String, Map<String, Integer>> next = new IdentityHashMap<>();
        StringBuilder pages = new StringBuilder("[");
        for (int id = 0; id < docs.size(); id++) {
            Doc doc = docs.get(id);
            pages.append(id == 0 ? "" : ",").append('[');
            Json.string(pages, doc.title());
            pages.append(',');
            Json.string(pages, doc.url());
            pages.append(']');
            Map<String, Integer> counted = known.get(doc.text());
            if (counted == null) {
                counted = new HashMap<>();
                for (String term : terms(doc.text())) {
                    counted.merge(term, 1, Integer::sum);
                }
            }
            next.put(doc.text(), counted);
            Map<String, Integer> weights = new HashMap<>(counted);
            for (String term : terms(doc.title())) {
                weights.merge(term, 10, Integer::sum);
            }
            int page = id;
            weights.forEach((term, weight) -> index.computeIfAbsent(term, key -> new Postings()).add(page, weight));
        }
        pages.append("]\n");
        SearchMemory.rememberWeights(next);
        SortedMap<String, List<String>> shards = new TreeMap<>();
        for (String term : index.keySet()) {
            shards.computeIfAbsent(shard(term), key -> new ArrayList<>()).add(term);
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("_search/pages.json", pages.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, List<String>> shard : shards.entrySet()) {
            List<String> terms = shard.getValue();
            terms.sort(null);
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < terms.size(); i++) {
                out.append(i == 0 ? "" : ",");
                Json.string(out, terms.get(i));
                out.append(":[");
                index.get(terms.get(i)).write(out);
                out.append(']');
            }
            out.append("}\n");
            files.put("_search/" + shard.getKey() + ".json", out.toString().getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** A term's pages and weights, in page order: pairs in one growing array. */
    private static final class Postings {
        private int[] pairs = new int[4];
        private int size;

        void add(int page, int weight) {
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
            }
            pairs[size++] = page;
            pairs[size++] = weight;
        }

        void write(StringBuilder out) {
            for (int i = 0; i < size; i += 2) {
                out.append(i == 0 ? "" : ",").append(pairs[i]).append(',').append(pairs[i + 1]);
            }
        }
    }

    /** The shard of a term: its first two characters if ASCII letters or digits, else their code points in hex. */
    static String shard(String term) {
        StringBuilder out = new StringBuilder();
        term.codePoints().limit(2).forEach(c -> {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('_').append(Integer.toHexString(c));
            }
        });
        return out.toString();
    }

    /** Lower-cased runs of letters and digits, 2 to 40 characters. The JavaScript splits queries the same way. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean word = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                int length = i - start;
                if (length >= MIN_TERM && length <= MAX_TERM) {
                    terms.add(lower.substring(start, i));
                }
                start = -1;
            }
        }
        return terms;
    }
}
