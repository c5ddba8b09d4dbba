package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.render.PageRenderer;
import org.godshell.toaster.site.serve.PlainReply;

/**
 * The routes {@code GET /_version/PATH.md?at=COMMIT} and {@code GET /_compare/PATH.md?from=A&to=B} (and HEAD).
 * Malformed requests get 400, unknown pages or commits 404, both as pages of the site's layout. An answer for
 * full commit ids never changes, so it is sent with a year's {@code Cache-Control} and an {@code ETag} (the
 * hash of its bytes, which a rebuilt program may change); for abbreviated ids, which a later object could make
 * ambiguous, five minutes. At most {@value #AT_ONCE} requests render at once; more get 503.
 */
public final class VersionRoutes extends Handler.Abstract {

    static final int AT_ONCE = 4;
    private static final String MAIN = "refs/heads/main";

    private final Repository repository;
    private final BuildOptions options;
    private final Templates templates = new Templates(Map.of(), new ArrayList<>());
    private final PageRenderer renderer;
    private final Semaphore working = new Semaphore(AT_ONCE);
    private final Consumer<String> log;

    /**
     * Serves the wiki's {@code repository} with the build's settings (site title, URLs, limits); what fails
     * unexpectedly goes to {@code log} and the client gets a plain 500.
     */
    public VersionRoutes(Repository repository, BuildOptions options, Consumer<String> log) {
        this.repository = repository;
        this.options = options;
        this.renderer = new PageRenderer(options.limits());
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        VersionRequest parsed = VersionRequest.parse(request.getHttpURI().getPath(),
                request.getHttpURI().getQuery());
        if (parsed instanceof VersionRequest.NotOurs) {
            return false;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, HEAD");
            PlainReply.send(request, response, callback, 405, "405 only GET and HEAD are served here");
            return true;
        }
        if (!working.tryAcquire()) {
            response.getHeaders().put("Retry-After", "5");
            PlainReply.send(request, response, callback, 503, "503 busy comparing versions; try again shortly");
            return true;
        }
        Context.Reply reply;
        try {
            reply = answer(parsed);
        } catch (IOException | RuntimeException e) {
            log.accept("wiki versions: " + request.getHttpURI().getPath() + ": " + e);
            PlainReply.send(request, response, callback, 500, "500 the version could not be read");
            return true;
        } finally {
            working.release();
        }
        send(request, response, callback, reply);
        return true;
    }

    private Context.Reply answer(VersionRequest parsed) throws Exception {
        Ref main = repository.exactRef(MAIN);
        Context context = new Context(repository, main == null ? null : main.getObjectId(), options.limits(),
                options.site(), templates, renderer);
        return switch (parsed) {
            case VersionRequest.Bad bad -> context.error(400, null, "This address is malformed: " + bad.reason()
                    + ".");
            case VersionRequest.NotOurs notOurs -> throw new IllegalStateException("handled before");
            case VersionRequest.Valid valid when main == null -> context.error(404, valid.path(),
                    "The wiki has no history yet.");
            case VersionRequest.Valid valid -> valid(context, valid);
        };
    }

    private Context.Reply valid(Context context, VersionRequest.Valid request) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            Revision first = Revision.resolve(repository, walk, context.main(),
                    request.query().get(request.compare() ? "from" : "at"));
            Revision second = request.compare() ? Revision.resolve(repository, walk, context.main(),
                    request.query().get("to")) : first;
            for (Revision revision : new Revision[] {first, second}) {
                switch (revision) {
                    case Revision.Malformed malformed -> {
                        return context.error(400, request.path(), "This address is malformed: "
                                + malformed.reason() + ".");
                    }
                    case Revision.Ambiguous ambiguous -> {
                        return context.error(400, request.path(), "The commit id is too short: several objects "
                                + "start with it. Give more of its digits.");
                    }
                    case Revision.Unknown unknown -> {
                        return context.error(404, request.path(), "No commit of the wiki's history has this id.");
                    }
                    case Revision.Found found -> {
                    }
                }
            }
            return request.compare()
                    ? CompareView.answer(context, request.path(), (Revision.Found) first, (Revision.Found) second)
                    : VersionView.answer(context, request.path(), (Revision.Found) first);
        }
    }

    private void send(Request request, Response response, Callback callback, Context.Reply reply) throws Exception {
        String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(reply.body()), 0,
                16) + "\"";
        response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
        if (reply.status() != 200) {
            response.getHeaders().put("Cache-Control", "no-store");
        } else {
            response.getHeaders().put("Cache-Control", reply.immutable() ? "public, max-age=31536000, immutable"
                    : "public, max-age=300");
            response.getHeaders().put("ETag", etag);
            String ifNoneMatch = request.getHeaders().get("If-None-Match");
            if (ifNoneMatch != null && ETags.matches(ifNoneMatch, etag)) {
                response.setStatus(304);
                response.write(true, ByteBuffer.allocate(0), callback);
                return;
            }
        }
        response.setStatus(reply.status());
        response.getHeaders().put("Content-Length", Integer.toString(reply.body().length));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
