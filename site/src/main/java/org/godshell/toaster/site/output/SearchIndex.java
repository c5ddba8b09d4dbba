package org.godshell.toaster.site.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** Index files by site path. */
    static SortedMap<String, byte[]> build(List<Doc> docs) {
        SortedMap<String, SortedMap<String, SortedMap<Integer, Integer>>> shards = new TreeMap<>();
        StringBuilder pages = new StringBuilder("[");
        for (int id = 0; id < docs.size(); id++) {
            Doc doc = docs.get(id);
            pages.append(id == 0 ? "" : ",").append('[');
            Json.string(pages, doc.title());
            pages.append(',');
            Json.string(pages, doc.url());
            pages.append(']');
            for (String term : terms(doc.title())) {
                add(shards, term, id, 10);
            }
            for (String term : terms(doc.text())) {
                add(shards, term, id, 1);
            }
        }
        pages.append("]\n");
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("_search/pages.json", pages.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, SortedMap<String, SortedMap<Integer, Integer>>> shard : shards.entrySet()) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, SortedMap<Integer, Integer>> term : shard.getValue().entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                Json.string(out, term.getKey());
                out.append(":[");
                boolean firstPosting = true;
                for (Map.Entry<Integer, Integer> posting : term.getValue().entrySet()) {
                    out.append(firstPosting ? "" : ",").append(posting.getKey()).append(',').append(posting.getValue());
                    firstPosting = false;
                }
                out.append(']');
            }
            out.append("}\n");
            files.put("_search/" + shard.getKey() + ".json", out.toString().getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static void add(SortedMap<String, SortedMap<String, SortedMap<Integer, Integer>>> shards, String term,
                            int id, int weight) {
        shards.computeIfAbsent(shard(term), key -> new TreeMap<>()).computeIfAbsent(term, key -> new TreeMap<>())
                .merge(id, weight, Integer::sum);
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
