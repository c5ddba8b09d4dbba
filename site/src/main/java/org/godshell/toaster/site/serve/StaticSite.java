package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the generated site. {@code site} is the symlink the generator swaps to each new build; it is read once
 * per request, and everything the request touches is then under that one build directory, so an answer never
 * mixes two builds. Files are opened without following symlinks at any segment; a directory gives its
 * {@code index.html} (never a listing), a missing file the site's {@code 404.html}.
 */
final class StaticSite extends Handler.Abstract {

    /** Files up to this size are read whole and may be compressed; larger ones are streamed as they are. */
    static final long IN_MEMORY = 1 << 20;

    private final Path site;
    private final Consumer<String> log;

    StaticSite(Path site, Consumer<String> log) {
        this.site = site.toAbsolutePath().normalize();
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, HEAD");
            PlainReply.send(request, response, callback, 405, "405 only GET and HEAD are served here");
            return true;
        }
        SitePath path = SitePath.parse(request.getHttpURI().getPath());
        if (path instanceof SitePath.Refused refused) {
            log.accept("refused path from " + Request.getRemoteAddr(request) + ": " + refused.reason());
            PlainReply.send(request, response, callback, 400, "400 bad request path");
            return true;
        }
        SitePath.Found found = (SitePath.Found) path;
        Optional<Path> build = currentBuild();
        if (build.isEmpty()) {
            // The wiki's start builds while it answers (RFC 9110 §15.6.4, §10.2.3: try again shortly).
            response.getHeaders().put("Retry-After", "5");
            PlainReply.send(request, response, callback, 503, "503 the wiki is being built; try again in a moment");
            return true;
        }
        Path file = build.get();
        for (String segment : found.segments()) {
            file = file.resolve(segment);
        }
        Optional<BasicFileAttributes> attributes = attributes(build.get(), found);
        if (attributes.isPresent() && attributes.get().isDirectory()) {
            if (!found.directory()) {
                // relative links in the folder's index.html need the trailing slash
                String location = request.getHttpURI().getPath() + "/";
                response.getHeaders().put("Location", location);
                PlainReply.send(request, response, callback, 301, "301 moved to " + location);
                return true;
            }
            file = file.resolve("index.html");
            attributes = regularFile(file);
        } else if (found.directory() && attributes.isPresent()) {
            attributes = Optional.empty();                              // "/page.html/" is not a folder
        }
        if (attributes.isEmpty() || !attributes.get().isRegularFile()) {
            notFound(request, response, callback, build.get());
            return true;
        }
        serve(request, response, callback, file, attributes.get(), 200);
        return true;
    }

    private Optional<Path> currentBuild() throws IOException {
        if (!Files.isSymbolicLink(site)) {
            return Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS) ? Optional.of(site) : Optional.empty();
        }
        Path target = site.resolveSibling(Files.readSymbolicLink(site)).normalize();
        return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? Optional.of(target) : Optional.empty();
    }

    /** The attributes of the path, looked at segment by segment; empty when one is missing or a symlink. */
    private static Optional<BasicFileAttributes> attributes(Path build, SitePath.Found found) throws IOException {
        Path at = build;
        BasicFileAttributes attributes = Files.readAttributes(at, BasicFileAttributes.class);
        for (String segment : found.segments()) {
            at = at.resolve(segment);
            Optional<BasicFileAttributes> next = regularFileOrDirectory(at);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            attributes = next.get();
        }
        return Optional.of(attributes);
    }

    private static Optional<BasicFileAttributes> regularFileOrDirectory(Path at) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() || a.isDirectory() ? Optional.of(a) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Not a directory")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<BasicFileAttributes> regularFile(Path file) throws IOException {
        return regularFileOrDirectory(file).filter(BasicFileAttributes::isRegularFile);
    }

    private void notFound(Request request, Response response, Callback callback, Path build) throws IOException {
        Path page = build.resolve("404.html");
        Optional<BasicFileAttributes> attributes = regularFile(page);
        if (attributes.isPresent() && attributes.get().size() <= IN_MEMORY) {
            serve(request, response, callback, page, attributes.get(), 404);
        } else {
            PlainReply.send(request, response, callback, 404, "404 no such page");
        }
    }

    private static void serve(Request request, Response response, Callback callback, Path file,
                              BasicFileAttributes attributes, int status) throws IOException {
        String type = ContentTypes.of(file.getFileName().toString());
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (attributes.size() <= IN_MEMORY) {
            String tag = Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(attributes.size());
            InMemoryReply.send(request, response, callback, status, type, read(file), tag, modified);
            return;
        }
        String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(attributes.size())
                + "\"";
        if (InMemoryReply.headers(request, response, callback, status, type, etag, modified)) {
            return;
        }
        response.setStatus(status);
        // too big to hold: streamed as it is, never compressed
        response.getHeaders().put("Content-Length", Long.toString(attributes.size()));
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Content.Sink.asOutputStream(response)) {
            in.transferTo(out);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) IN_MEMORY + 1);
        }
    }
}
