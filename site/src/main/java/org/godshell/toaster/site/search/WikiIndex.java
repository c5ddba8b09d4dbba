package org.godshell.toaster.site.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.godshell.toaster.site.page.Urls;

/**
 * The pages in an in-memory Lucene index, one Lucene document per section: each carries its page's title,
 * aliases and tags and its own heading and text, so the best section of the best page is what a query finds. A
 * page is listed once, at its best section. Immutable once built; searching is thread-safe.
 */
final class WikiIndex {

    static final String TITLE = "title";
    static final String ALIASES = "aliases";
    static final String TAGS = "tags";
    static final String HEADING = "heading";
    static final String TEXT = "text";
    private static final String PAGE = "page";
    private static final String SECTION = "section";
    /** Sections looked at per page asked for: a page's sections may fill the first places. */
    private static final int SECTIONS_PER_RESULT = 20;

    /** One result: the page, the URL of its best section, that section's heading and the snippet. */
    record Hit(String title, String url, String heading, List<Snippets.Segment> snippet) {
    }

    private final List<SearchDocument> documents;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final Snippets snippets;

    private WikiIndex(List<SearchDocument> documents, IndexSearcher searcher, Analyzer analyzer) {
        this.documents = documents;
        this.searcher = searcher;
        this.analyzer = analyzer;
        this.snippets = new Snippets(analyzer);
    }

    static WikiIndex build(List<SearchDocument> documents) throws IOException {
        Analyzer analyzer = WikiAnalyzer.create();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Similarity similarity = new PageFieldsSimilarity();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setSimilarity(similarity))) {
            for (int page = 0; page < documents.size(); page++) {
                SearchDocument document = documents.get(page);
                List<SearchDocument.Section> sections = document.sections().isEmpty()
                        ? List.of(new SearchDocument.Section(0, "", "", "")) : document.sections();
                for (int section = 0; section < sections.size(); section++) {
                    Document lucene = new Document();
                    lucene.add(new StoredField(PAGE, page));
                    lucene.add(new StoredField(SECTION, section));
                    lucene.add(new TextField(TITLE, document.title(), Field.Store.NO));
                    // The page's first heading is its title as shown ("SMTP AUTH and the submission ports").
                    titleHeadings(document).forEach(h -> lucene.add(new TextField(TITLE, h, Field.Store.NO)));
                    document.aliases().forEach(alias -> lucene.add(new TextField(ALIASES, alias, Field.Store.NO)));
                    document.tags().forEach(tag -> lucene.add(new TextField(TAGS, tag, Field.Store.NO)));
                    lucene.add(new TextField(HEADING, sections.get(section).heading(), Field.Store.NO));
                    lucene.add(new TextField(TEXT, sections.get(section).text(), Field.Store.NO));
                    writer.addDocument(lucene);
                }
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
        searcher.setSimilarity(similarity);
        return new WikiIndex(List.copyOf(documents), searcher, analyzer);
    }

    /** Adds pages to {@code best} (page to its best section) in the order of their best section's score. */
    private void bestSections(Query query, int limit, Map<Integer, Integer> best) throws IOException {
        ScoreDoc[] top = searcher.search(query, limit * SECTIONS_PER_RESULT).scoreDocs;
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < top.length && best.size() < limit; i++) {
            Document fields = stored.document(top[i].doc);
            best.putIfAbsent(fields.getField(PAGE).numericValue().intValue(),
                    fields.getField(SECTION).numericValue().intValue());
        }
    }

    private static List<String> titleHeadings(SearchDocument document) {
        return document.sections().stream().filter(section -> section.level() == 1)
                .map(SearchDocument.Section::heading).filter(heading -> !heading.equals(document.title())).toList();
    }

    List<Hit> search(String typed, int limit) throws IOException {
        UserQuery user = UserQuery.read(typed, analyzer);
        if (user.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<Integer, Integer> best = new LinkedHashMap<>();
        Query query = Ranking.of(user, true);
        bestSections(query, limit, best);
        if (best.size() < limit && user.words().size() > 1) {
            query = Ranking.of(user, false);
            bestSections(query, limit, best);
        }
        List<Hit> hits = new ArrayList<>();
        for (Map.Entry<Integer, Integer> page : best.entrySet()) {
            SearchDocument document = documents.get(page.getKey());
            SearchDocument.Section section = document.sections().isEmpty() ? new SearchDocument.Section(0, "", "", "")
                    : document.sections().get(page.getValue());
            String url = section.anchor().isEmpty() ? document.url()
                    : document.url() + "#" + Urls.encodePath(section.anchor());
            hits.add(new Hit(document.title(), url, section.heading(), snippets.of(query, section.text())));
        }
        return hits;
    }
}
