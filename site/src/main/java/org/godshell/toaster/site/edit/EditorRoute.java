package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.edit.form.Form;
import org.godshell.toaster.site.edit.session.Session;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.page.Urls;

/**
 * {@code GET /_edit/PATH.md} (the editor, empty for a page that does not exist yet), {@code POST /_edit/PATH.md}
 * (the form's Preview without JavaScript, and Save), and {@code POST /_preview} (the live preview's HTML).
 */
final class EditorRoute {

    private static final Set<String> EDIT_FIELDS = Set.of("csrf", "base", "text", "message", "do");
    private static final Set<String> PREVIEW_FIELDS = Set.of("csrf", "path", "text");

    private final Repository repository;
    private final Gate gate;
    private final Html html;
    private final Preview preview;
    private final SaveFlow saves;
    private final PushLimits limits;
    private final long maxPageBytes;

    EditorRoute(Repository repository, Gate gate, Html html, Preview preview, SaveFlow saves, PushLimits limits,
                long maxPageBytes) {
        this.repository = repository;
        this.gate = gate;
        this.html = html;
        this.preview = preview;
        this.saves = saves;
        this.limits = limits;
        this.maxPageBytes = maxPageBytes;
    }

    void open(Request request, Response response, Callback callback, EditPath path) throws IOException {
        Optional<Session> session = gate.session(request);
        if (session.isEmpty()) {
            Html.toLogin(response, callback, path);
            return;
        }
        Optional<Gate.Failed> revoked = gate.revoked(session.get());
        if (revoked.isPresent()) {
            Gate.Failed failed = revoked.get();
            html.note(request, response, callback, failed.status(), path.root(), failed.heading(), failed.text());
            return;
        }
        Optional<ObjectId> main = PageFiles.main(repository);
        Optional<String> text = PageFiles.text(repository, main, path.path(), maxPageBytes);
        Map<String, Object> edit = editor(path, session.get(), text.orElse(""), main, "");
        edit.put("exists", text.isPresent());
        show(request, response, callback, 200, path, edit);
    }

    void post(Request request, Response response, Callback callback, EditPath path) throws IOException {
        Gate.Checked checked = gate.post(request, EDIT_FIELDS);
        if (checked instanceof Gate.Failed failed) {
            html.note(request, response, callback, failed.status(), path.root(), failed.heading(), failed.text());
            return;
        }
        Gate.Passed passed = (Gate.Passed) checked;
        Form form = passed.form();
        String text = lines(form.text("text"));
        String message = lines(form.text("message")).strip();
        Optional<ObjectId> base = PageFiles.commitField(form.text("base"));
        Map<String, Object> edit = editor(path, passed.session(), text, base, message);
        if (form.text("do").equals("preview")) {
            edit.put("preview", preview.render(path, text).orElse("<p>The server is busy; try Preview again.</p>"));
            show(request, response, callback, 200, path, edit);
            return;
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxPageBytes) {
            edit.put("notes", List.of("Not saved: the text is larger than a page may be (" + maxPageBytes
                    + " bytes). Split it into several pages."));
            show(request, response, callback, 413, path, edit);
            return;
        }
        String commitMessage = message.isEmpty() ? "Edit " + path.name() : message;
        String client = Request.getRemoteAddr(request);
        switch (saves.save(path, base, text, commitMessage, passed.session().account(), client)) {
            case SaveFlow.Done done -> saved(request, response, callback, path, done);
            case SaveFlow.Unchanged unchanged -> {
                edit.put("notes", List.of("Nothing to save: the text is the same as the page on main; no commit "
                        + "was made."));
                show(request, response, callback, 200, path, edit);
            }
            case SaveFlow.Conflict conflict -> {
                Map<String, Object> again = editor(path, passed.session(), conflict.text(), conflict.main(), message);
                again.put("notes", List.of(conflict.reason() + " Nothing was saved. Below is their change; the "
                        + "text holds both versions between <<<<<<< and >>>>>>> lines: keep what should stay, "
                        + "remove the markers, and save again."));
                again.put("diff", conflict.diff());
                show(request, response, callback, 409, path, again);
            }
            case SaveFlow.Refused refused -> {
                edit.put("notes", List.of("Not saved: " + refused.reason()));
                edit.put("lines", refused.lines());
                show(request, response, callback, 422, path, edit);
            }
            case SaveFlow.Busy busy -> {
                edit.put("notes", List.of("Not saved: the wiki changed several times while saving; save again."));
                show(request, response, callback, 503, path, edit);
            }
        }
    }

    void preview(Request request, Response response, Callback callback) throws IOException {
        Gate.Checked checked = gate.post(request, PREVIEW_FIELDS);
        if (checked instanceof Gate.Failed failed) {
            Html.write(response, callback, failed.status(), "text/plain; charset=utf-8", failed.text() + "\n");
            return;
        }
        Form form = ((Gate.Passed) checked).form();
        if (!(EditPath.of(form.text("path"), limits) instanceof EditPath.Valid valid)) {
            Html.write(response, callback, 400, "text/plain; charset=utf-8", "not a page path\n");
            return;
        }
        Optional<String> rendered = preview.render(valid.path(), lines(form.text("text")));
        if (rendered.isEmpty()) {
            response.getHeaders().put("Retry-After", "1");
            Html.write(response, callback, 503, "text/plain; charset=utf-8", "busy\n");
            return;
        }
        Html.write(response, callback, 200, "text/html; charset=utf-8", rendered.get());
    }

    private void saved(Request request, Response response, Callback callback, EditPath path, SaveFlow.Done done)
            throws IOException {
        Map<String, Object> model = html.model(path.root());
        model.put("saved", Map.of("title", path.name(), "url", path.root() + Urls.encodePath(path.url()),
                "editor", path.root() + path.editorUrl(), "commit", done.published().commit().abbreviate(12).name(),
                "published", done.published().published(), "merged", done.merged(),
                "lines", done.published().lines()));
        html.send(request, response, callback, 200, "edit-saved.ftlh", model);
    }

    private Map<String, Object> editor(EditPath path, Session session, String text, Optional<ObjectId> base,
                                       String message) {
        Map<String, Object> edit = new HashMap<>();
        edit.put("path", path.path());
        edit.put("title", path.name());
        edit.put("action", path.root() + path.editorUrl());
        edit.put("upload", path.root() + "_upload/" + Urls.encodePath(path.path()));
        edit.put("rename", path.root() + "_rename/" + Urls.encodePath(path.path()));
        edit.put("delete", path.root() + "_delete/" + Urls.encodePath(path.path()));
        edit.put("text", text);
        edit.put("base", base.map(ObjectId::name).orElse("none"));
        edit.put("message", message);
        edit.put("csrf", session.csrf());
        edit.put("account", session.account());
        edit.put("exists", true);
        edit.put("notes", List.of());
        edit.put("lines", List.of());
        return edit;
    }

    private void show(Request request, Response response, Callback callback, int status, EditPath path,
                      Map<String, Object> edit) throws IOException {
        Map<String, Object> model = html.model(path.root());
        model.put("edit", edit);
        html.send(request, response, callback, status, "edit.ftlh", model);
    }

    /** A textarea's lines come as CRLF (HTML §4.10.11); a page's are LF. */
    static String lines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
