package org.godshell.toaster.site.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Urls;
import org.godshell.toaster.site.parallel.Parallel;
import org.godshell.toaster.site.search.DocumentsFile;
import org.godshell.toaster.site.search.SearchDocument;
import org.godshell.toaster.site.search.Sections;

/**
 * The search's files: the static index's shards ({@link SearchIndex}) and the server search's documents ({@link
 * DocumentsFile}). They depend on the pages and their renderings alone, not on the rest of the site, so they are
 * made on a thread of their own while the composer lays out the pages: a fifth of a one-page rebuild, taken off
 * its way. Only the bytes are made there; the composer puts them into the site (its memo is one thread's).
 */
final class SearchFiles {

    private final FutureTask<SortedMap<String, byte[]>> making;

    private SearchFiles(SiteComposer.Input input) {
        making = new FutureTask<>(() -> make(input));
    }

    /** Starts making the search files of {@code input}. */
    static SearchFiles start(SiteComposer.Input input) {
        SearchFiles files = new SearchFiles(input);
        Thread.ofVirtual().name("search-files").start(files.making);
        return files;
    }

    /** The files by site path, once made. */
    SortedMap<String, byte[]> get() throws IOException {
        try {
            return making.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the search files", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException failure -> throw failure;
                case RuntimeException failure -> throw failure;
                case Error failure -> throw failure;
                default -> throw new IOException("making the search files failed", e.getCause());
            }
        }
    }

    private static SortedMap<String, byte[]> make(SiteComposer.Input input) throws IOException {
        List<SearchIndex.Doc> docs = input.pages().stream().map(page -> new SearchIndex.Doc(page.title(),
                Urls.encodePath(page.url()), input.rendered().get(page.path()).text())).toList();
        SortedMap<String, byte[]> files = new TreeMap<>(SearchIndex.build(docs));
        // The server's search (GET /_api/search) reads this; the static index above is the fallback.
        // Cutting a page into sections parses its HTML again: on every processor, a thousand pages take a while.
        Map<String, List<SearchDocument.Section>> cut = SearchMemory.sections();
        List<List<SearchDocument.Section>> sections = Parallel.map(input.pages(), Parallel.processors(),
                "cutting pages into search sections", page -> {
                    String html = input.rendered().get(page.path()).html();
                    List<SearchDocument.Section> known = cut.get(html);
                    return known != null ? known : Sections.of(html);
                });
        Map<String, List<SearchDocument.Section>> next = new IdentityHashMap<>();
        List<SearchDocument> documents = new ArrayList<>();
        for (int i = 0; i < input.pages().size(); i++) {
            Page page = input.pages().get(i);
            next.put(input.rendered().get(page.path()).html(), sections.get(i));
            documents.add(new SearchDocument(Urls.encodePath(page.url()), page.title(), page.aliases(), page.tags(),
                    sections.get(i)));
        }
        SearchMemory.rememberSections(next);
        files.put(DocumentsFile.PATH, DocumentsFile.write(documents));
        return files;
    }
}
