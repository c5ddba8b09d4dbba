package org.godshell.toaster.site.onrequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.errors.MissingObjectException;
import org.godshell.toaster.site.build.PublishedBuild;
import org.godshell.toaster.site.output.CommitPage;
import org.godshell.toaster.site.output.HistoryPage;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.serve.InMemoryReply;
import org.godshell.toaster.site.serve.PlainReply;

/**
 * The build the site symlink names, as the routes of pages on request read it (its index once per build), and
 * the pages they rendered from it: kept in one {@link PageCache} of {@value #CACHE_BYTES} bytes, keyed by the
 * build and the page's file; at most {@value #AT_ONCE} render at once and more get 503 with Retry-After (RFC 9110
 * §15.6.4) instead of a queue. Shared by {@link CommitRoute} and {@link HistoryRoute}.
 */
public final class PublishedPages {

    static final int AT_ONCE = 2;
    static final long CACHE_BYTES = 8L << 20;

    private final Path site;
    private final Consumer<String> log;
    private final Templates templates = new Templates(Map.of(), new ArrayList<>());
    private final Semaphore slots;
    private final PageCache cache;
    private Loaded loaded;

    /** A build's pages on request: none when its index is unusable. */
    record Pages(CommitPage commits, HistoryPage histories) {
    }

    /** The build a site's directory holds, when its index was written, and its pages on request. */
    record Loaded(Path directory, Instant published, Optional<Pages> pages) {
    }

    /** A build with usable pages on request. */
    record Build(Path directory, Instant published, Pages pages) {
    }

    /** Renders one page with the built-in templates. */
    @FunctionalInterface
    interface Rendering {
        byte[] render(Templates templates) throws IOException;
    }

    /** The builds published at {@code site}; what fails unexpectedly goes to {@code log}. */
    public PublishedPages(Path site, Consumer<String> log) {
        this(site, log, CACHE_BYTES, AT_ONCE);
    }

    PublishedPages(Path site, Consumer<String> log, long cacheBytes, int atOnce) {
        this.site = site;
        this.log = log;
        this.cache = new PageCache(cacheBytes);
        this.slots = new Semaphore(atOnce);
    }

    /**
     * The pages of the build published now, unless none is, or it holds {@code file} (relative to its root)
     * itself: a static export's build, or a wiki with its own templates, whose file is then served as it is.
     */
    Optional<Build> current(String file) throws IOException {
        Optional<Path> directory = PublishedBuild.current(site);
        if (directory.isEmpty() || Files.exists(directory.get().resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Loaded build = load(directory.get());
        return build.pages().map(pages -> new Build(build.directory(), build.published(), pages));
    }

    /**
     * Answers with {@code file} of {@code build}, from the cache or by {@code rendering} it; false passes the
     * request on to the site (a commit listed but missing from the repository).
     */
    boolean answer(Request request, Response response, Callback callback, Build build, String file,
                   Rendering rendering) throws Exception {
        String name = build.directory().getFileName().toString();
        Optional<PageCache.Page> page = cache.get(name, file);
        if (page.isEmpty()) {
            if (!slots.tryAcquire()) {
                response.getHeaders().put("Retry-After", "2");
                PlainReply.send(request, response, callback, 503, "503 busy rendering pages; try again shortly");
                return true;
            }
            try {
                byte[] body = rendering.render(templates);
                page = Optional.of(new PageCache.Page(body, tag(body)));
            } catch (MissingObjectException e) {
                log.accept(file + ": listed by " + name + " but not in the repository");
                return false;
            } catch (IOException | RuntimeException e) {
                log.accept(file + ": " + e);
                PlainReply.send(request, response, callback, 500, "500 the page could not be rendered");
                return true;
            } finally {
                slots.release();
            }
            cache.put(name, file, page.get());
        }
        InMemoryReply.send(request, response, callback, 200, "text/html; charset=utf-8", page.get().body(),
                page.get().tag(), build.published());
        return true;
    }

    /** The build in {@code directory}, read once while it is the one published. */
    private synchronized Loaded load(Path directory) {
        if (loaded != null && loaded.directory().equals(directory)) {
            return loaded;
        }
        Optional<Pages> pages;
        Instant published;
        try {
            PublishedBuild build = PublishedBuild.read(directory);
            pages = Optional.of(new Pages(new CommitPage(build.site(), build.history(), build.pagesNow()),
                    new HistoryPage(build.site(), build.history(), build.pagesNow())));
            published = build.published();
        } catch (IOException e) {
            log.accept("pages on request are not served: " + e.getMessage());
            pages = Optional.empty();
            published = Instant.EPOCH;
        }
        loaded = new Loaded(directory, published, pages);
        cache.keepOnly(directory.getFileName().toString());
        return loaded;
    }

    /** A page's ETag: the start of its SHA-256, so equal bytes give equal tags whichever build rendered them. */
    private static String tag(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    PageCache cache() {
        return cache;
    }
}
