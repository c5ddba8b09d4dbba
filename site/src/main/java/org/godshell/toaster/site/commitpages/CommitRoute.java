package org.godshell.toaster.site.commitpages;

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
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.build.PublishedBuild;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.output.CommitPage;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.serve.InMemoryReply;
import org.godshell.toaster.site.serve.PlainReply;

/**
 * {@code GET} and {@code HEAD /_commit/ID.html}, rendered from the build the site symlink names when the request
 * comes: the same bytes a static export's build writes ({@link CommitPage}). The request passes on to the site,
 * which answers it as a path without a file (the site's 404), when it is not exactly a commit page's address
 * ({@link CommitRequest}), when the build's history does not list the commit, or when the build wrote its commit
 * pages itself (a static export or a wiki with its own templates: the file is then served).
 *
 * <p>Pages are kept in a {@link PageCache} of {@value #CACHE_BYTES} bytes; at most {@value #AT_ONCE} render at
 * once and more get 503 with Retry-After (RFC 9110 §15.6.4) instead of a queue. A commit's diff is bounded by
 * {@link CommitDiffs}' limits, so one page is too.
 */
public final class CommitRoute extends Handler.Abstract {

    static final int AT_ONCE = 2;
    static final long CACHE_BYTES = 8L << 20;

    private final Path site;
    private final Repository repository;
    private final Consumer<String> log;
    private final Templates templates = new Templates(Map.of(), new ArrayList<>());
    private final Semaphore rendering;
    private final PageCache cache;
    private Loaded loaded;

    /** The build a site's directory holds, and its commit pages; empty when its index is unusable. */
    private record Loaded(Path directory, Instant published, Optional<CommitPage> pages) {
    }

    /**
     * Commit pages of the builds published at {@code site} from {@code repository}; what fails unexpectedly goes to
     * {@code log}.
     */
    public CommitRoute(Path site, Repository repository, Consumer<String> log) {
        this(site, repository, log, CACHE_BYTES, AT_ONCE);
    }

    CommitRoute(Path site, Repository repository, Consumer<String> log, long cacheBytes, int atOnce) {
        this.site = site;
        this.repository = repository;
        this.log = log;
        this.cache = new PageCache(cacheBytes);
        this.rendering = new Semaphore(atOnce);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> id = CommitRequest.id(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        String method = request.getMethod();
        if (id.isEmpty() || !method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        Optional<Path> directory = PublishedBuild.current(site);
        if (directory.isEmpty() || Files.exists(directory.get().resolve(CommitPage.url(id.get())),
                LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Loaded build = load(directory.get());
        Optional<History.Commit> commit = build.pages().flatMap(pages -> pages.listed(id.get()));
        if (commit.isEmpty()) {
            return false;
        }
        String name = build.directory().getFileName().toString();
        Optional<PageCache.Page> page = cache.get(name, id.get());
        if (page.isEmpty()) {
            if (!rendering.tryAcquire()) {
                response.getHeaders().put("Retry-After", "2");
                PlainReply.send(request, response, callback, 503, "503 busy rendering commits; try again shortly");
                return true;
            }
            try {
                page = Optional.of(render(build.pages().get(), commit.get()));
            } catch (MissingObjectException e) {
                log.accept("commit page " + id.get() + ": listed by " + name + " but not in the repository");
                return false;
            } catch (IOException | RuntimeException e) {
                log.accept("commit page " + id.get() + ": " + e);
                PlainReply.send(request, response, callback, 500, "500 the commit could not be read");
                return true;
            } finally {
                rendering.release();
            }
            cache.put(name, id.get(), page.get());
        }
        InMemoryReply.send(request, response, callback, 200, "text/html; charset=utf-8", page.get().body(),
                page.get().tag(), build.published());
        return true;
    }

    private PageCache.Page render(CommitPage pages, History.Commit commit) throws IOException {
        byte[] body = pages.render(templates, commit, new CommitDiffs(repository).read(commit.id()));
        return new PageCache.Page(body, tag(body));
    }

    /** The build in {@code directory}, read once while it is the one published. */
    private synchronized Loaded load(Path directory) {
        if (loaded != null && loaded.directory().equals(directory)) {
            return loaded;
        }
        Optional<CommitPage> pages;
        Instant published;
        try {
            PublishedBuild build = PublishedBuild.read(directory);
            pages = Optional.of(new CommitPage(build.site(), build.history(), build.pagesNow()));
            published = build.published();
        } catch (IOException e) {
            log.accept("commit pages are not served: " + e.getMessage());
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
