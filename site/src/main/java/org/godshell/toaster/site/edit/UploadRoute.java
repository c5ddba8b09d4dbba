package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.edit.form.BoundedBody;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.form.FormParser;
import org.godshell.toaster.site.edit.session.Secrets;
import org.godshell.toaster.site.edit.session.Session;
import org.godshell.toaster.site.git.PathRules;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.Saves;
import org.godshell.toaster.site.page.Urls;

/**
 * {@code POST /_upload/PATH.md?name=FILE}: an image for a page, the file's bytes as the body (the editor's script
 * sends it), the session's token in the {@code X-Wiki-Token} header (a header another origin cannot set without
 * a CORS preflight this server never grants). The image is committed beside the page, through {@link Saves} like
 * a Save, within the push's file size; the answer (201) is the markdown that shows it. A name that exists is not
 * replaced.
 */
final class UploadRoute {

    static final String TOKEN_HEADER = "X-Wiki-Token";

    private final Repository repository;
    private final Gate gate;
    private final Saves saves;
    private final PushLimits limits;

    UploadRoute(Repository repository, Gate gate, Saves saves, PushLimits limits) {
        this.repository = repository;
        this.gate = gate;
        this.saves = saves;
        this.limits = limits;
    }

    void post(Request request, Response response, Callback callback, EditPath page) throws IOException {
        Optional<Gate.Failed> foreign = Gate.crossOrigin(request);
        Optional<Session> session = gate.session(request);
        if (foreign.isPresent() || session.isEmpty()
                || !Secrets.same(session.get().csrf(), request.getHeaders().get(TOKEN_HEADER))) {
            reply(response, callback, 403, foreign.map(Gate.Failed::text).orElse("Refused: no session, or the "
                    + "request does not carry its token. Log in again from the editor."));
            return;
        }
        String name;
        try {
            Form query = FormParser.parse(Optional.ofNullable(request.getHttpURI().getQuery()).orElse("")
                    .getBytes(StandardCharsets.ISO_8859_1));
            name = query.text("name").strip();
        } catch (FormParser.Malformed e) {
            reply(response, callback, 400, e.getMessage());
            return;
        }
        String folder = page.path().contains("/") ? page.path().substring(0, page.path().lastIndexOf('/') + 1) : "";
        if (name.isEmpty() || name.contains("/") || PathRules.file(folder + name)
                .isPresent()) {
            reply(response, callback, 400, "not a file name that can be uploaded: use letters, digits, '-', '_' "
                    + "and one extension, such as diagram.png");
            return;
        }
        byte[] bytes;
        try {
            bytes = BoundedBody.read(request, (int) Math.min(limits.maxFileBytes(), Integer.MAX_VALUE - 8));
        } catch (BoundedBody.TooLarge e) {
            reply(response, callback, 413, e.getMessage());
            return;
        }
        // Asked once the body is read: a refusal before leaves its bytes on the connection.
        Optional<Gate.Failed> revoked = gate.revoked(session.get());
        if (revoked.isPresent()) {
            reply(response, callback, revoked.get().status(), revoked.get().text());
            return;
        }
        Optional<String> problem = Images.problem(name, bytes);
        if (problem.isPresent()) {
            reply(response, callback, 415, problem.get());
            return;
        }
        String path = folder + name;
        for (int attempt = 0; attempt < SaveFlow.ATTEMPTS; attempt++) {
            Optional<ObjectId> main = PageFiles.main(repository);
            if (PageFiles.exists(repository, main, path)) {
                reply(response, callback, 409, path + " exists already; give the image another name");
                return;
            }
            String account = session.get().account();
            ObjectId commit;
            try {
                commit = Changes.commit(repository, main, new Changes.Write(path, bytes),
                        new PersonIdent(account, account), "Upload " + name + " for " + page.name());
            } catch (Changes.InTheWay e) {
                reply(response, callback, 409, e.getMessage());
                return;
            }
            switch (saves.save(account, Request.getRemoteAddr(request), main, commit)) {
                case Saves.Published published -> {
                    reply(response, callback, 201, "![" + name + "](" + Urls.encodePath(name) + ")");
                    return;
                }
                case Saves.Refused refused -> {
                    reply(response, callback, 422, refused.reason());
                    return;
                }
                case Saves.Moved moved -> {
                }
            }
        }
        reply(response, callback, 503, "the wiki changed several times meanwhile; upload again");
    }

    private static void reply(Response response, Callback callback, int status, String text) {
        Html.write(response, callback, status, "text/plain; charset=utf-8", text);
    }
}
